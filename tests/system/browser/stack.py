"""The whole assistant (action server, Rasa server, widget demo page) started by
scripts/run.sh on free ports, as `make run` starts it, and stopped with Ctrl-C."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict

import requests

from tests.system.e2e.conftest import TOKEN
from tests.processes import free_port, launch_run_sh, stop_group, wait_for_run_sh

# Two assistants may load their models at once on a busy 2-core machine.
START_TIMEOUT_S = 480


@dataclass
class Stack:
    rasa_url: str
    web_url: str
    ports: tuple
    process: subprocess.Popen
    log: Path

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()

    def user_texts(self, sender: str) -> list:
        return [event.get("text") for event in self.tracker(sender)["events"] if event["event"] == "user"]


def launch(workdir: Path, **extra_env: str) -> Stack:
    """Starts scripts/run.sh on free ports; wait_until_running() waits for it."""
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    # The project's store, as `make run` has it, in this stack's folder: "Clear conversation"
    # deletes from it.
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        f"tracker_store:\n  type: server.store.conversation_store.ConversationStore\n"
        f"  dialect: sqlite\n  db: {workdir / 'conversations.db'}\n  recent_turns: 8\n"
    )
    web_url = f"http://127.0.0.1:{web_port}"
    log_path = workdir / "assistant.log"
    process = launch_run_sh(
        log_path, RASA_PORT=str(rasa_port), ACTIONS_PORT=str(actions_port), WEB_PORT=str(web_port),
        ENDPOINTS=str(endpoints), RASA_AUTH_TOKEN=TOKEN, CORS_ORIGINS=web_url, **extra_env,
    )
    ports = (rasa_port, actions_port, web_port)
    return Stack(f"http://127.0.0.1:{rasa_port}", web_url, ports, process, log_path)


def wait_until_running(stack: Stack) -> None:
    wait_for_run_sh(stack.process, stack.log, START_TIMEOUT_S)


def stop(stack: Stack) -> None:
    """Ctrl-C: all three servers must stop and free their ports."""
    stop_group(stack.process, stack.ports)
