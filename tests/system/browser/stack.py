"""A second assistant for the tests of a site whose socket requires a JWT: started by
scripts/run.sh on free ports with its own credentials file, and stopped with Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.harness.assistant import Assistant
from tests.harness.ports import free_port
from tests.harness.processes import run_sh, stop_and_free, wait_for_run_sh
from tests.system.conftest import START_TIMEOUT_S, SystemStack, stack_endpoints


def launch(workdir: Path, credentials: Path, **extra_env: str) -> SystemStack:
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    store_db = workdir / "conversations.db"
    endpoints.write_text(yaml.safe_dump(stack_endpoints(actions_port, store_db)))
    web_url = f"http://127.0.0.1:{web_port}"
    stack = SystemStack(
        f"http://127.0.0.1:{rasa_port}", web_url=web_url, ports=(rasa_port, actions_port, web_port),
        store={"dialect": "sqlite", "db": str(store_db)},
        service=run_sh(workdir / "assistant.log", {
            "RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port), "WEB_PORT": str(web_port),
            "ENDPOINTS": str(endpoints), "CREDENTIALS": str(credentials),
            "RASA_AUTH_TOKEN": Assistant.token, "CORS_ORIGINS": web_url, **extra_env,
        }),
    )
    stack.service.start()
    wait_for_run_sh(stack.service, START_TIMEOUT_S)
    return stack


def stop(stack: SystemStack) -> None:
    """Ctrl-C: all three servers must stop and free their ports."""
    stop_and_free(stack.service, stack.ports)
