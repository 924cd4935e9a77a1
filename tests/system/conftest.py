"""One running assistant for the whole system tier, started by scripts/run.sh as `make run`
starts it (action server, Rasa server, the widget's demo page), on free ports.

It differs from `make run` only where a test must see more: the HTTP API is on (with a
test token), the conversations go to an SQLite file of its own, and the messaging
channels are configured with test secrets, their outbound API calls sent to a recorder.
Every system test shares it: conversations are kept apart by sender id, not by restarts.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pytest
import requests
import yaml

from tests.channel_settings import CHANNEL_ENTRIES, SECRETS
from tests.conftest import ROOT
from tests.harness.assistant import Assistant
from tests.harness.ports import free_port
from tests.harness.processes import Service, run_sh, stop_and_free, wait_for_run_sh
from tests.harness.store import count_events
from tests.harness.recorder import Recorder

# Loading the model takes 40-60 s on an idle 2-core machine, minutes on a busy one.
START_TIMEOUT_S = 420


@dataclass
class SystemStack(Assistant):
    actions_url: str = ""
    web_url: str = ""
    ports: Tuple[int, ...] = ()
    service: Service = field(default=None, repr=False)
    recorder: Recorder = field(default=None, repr=False)
    store: Dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.rasa_url

    def rest(self, sender: str, message: Any) -> requests.Response:
        """A REST client's message, as any web page could send it."""
        return self.post(sender, message)

    def logs(self) -> str:
        return self.service.log.read_text(errors="replace")

    def count_events(self, sender_id: str) -> int:
        return count_events(self.store, sender_id)


def filled_credentials(recorder: Recorder) -> Dict[str, Any]:
    """credentials.yml, with the messaging entries filled in as a deployment fills them."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    for channel, entry in CHANNEL_ENTRIES.items():
        fields = dict(credentials[entry])
        unknown = set(SECRETS[channel]) - set(fields) - {"max_message_chars"}
        assert not unknown, f"{entry} in credentials.yml lacks {unknown}"
        fields.update(SECRETS[channel])
        fields["api_base_url"] = recorder.api_base_url(channel)
        credentials[entry] = fields
    return credentials


def stack_endpoints(actions_port: int, store_db: Path) -> Dict[str, Any]:
    """endpoints.yml with this stack's action server and its own SQLite file."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    endpoints["tracker_store"]["db"] = str(store_db)
    return endpoints


@pytest.fixture(scope="session")
def recorder() -> Iterator[Recorder]:
    recorder = Recorder().start()
    yield recorder
    recorder.stop()


def start_stack(folder: Path, credentials: Dict[str, Any], **extra_env: str) -> SystemStack:
    """scripts/run.sh on free ports with these credentials and an SQLite file in `folder`,
    the HTTP API on for the test token; returns once every server answers."""
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    # A folder that does not exist yet: the store must create it, as on a first `make run`.
    store_db = folder / "not-yet" / "conversations.db"
    endpoints, credentials_file = folder / "endpoints.yml", folder / "credentials.yml"
    endpoints.write_text(yaml.safe_dump(stack_endpoints(actions_port, store_db), sort_keys=False))
    credentials_file.write_text(yaml.safe_dump(credentials, sort_keys=False))
    web_url = f"http://127.0.0.1:{web_port}"
    stack = SystemStack(
        f"http://127.0.0.1:{rasa_port}", actions_url=f"http://127.0.0.1:{actions_port}",
        web_url=web_url, ports=(rasa_port, actions_port, web_port),
        store={"dialect": "sqlite", "db": str(store_db)},
        service=run_sh(folder / "assistant.log", {
            "RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port),
            "WEB_PORT": str(web_port), "ENDPOINTS": str(endpoints),
            "CREDENTIALS": str(credentials_file), "RASA_AUTH_TOKEN": Assistant.token,
            "CORS_ORIGINS": web_url, **extra_env,
        }),
    )
    stack.service.start()
    try:
        wait_for_run_sh(stack.service, START_TIMEOUT_S)
    except BaseException:
        stop(stack)
        raise
    return stack


def stop(stack: SystemStack) -> None:
    """Ctrl-C, as a user stops `make run`: every server stops and frees its port."""
    stop_and_free(stack.service, stack.ports)


@pytest.fixture(scope="session")
def system(trained_model, recorder, tmp_path_factory) -> Iterator[SystemStack]:
    # As `make run` starts: no HOST, and the widget's session secret from .data/.
    for name in ("HOST", "SOCKETIO_SESSION_SECRET", "LOG_LEVEL"):
        os.environ.pop(name, None)
    stack = start_stack(tmp_path_factory.mktemp("system"), filled_credentials(recorder))
    stack.recorder = recorder
    try:
        yield stack
    finally:
        stop(stack)


@pytest.fixture
def sender() -> str:
    return f"system-{uuid.uuid4().hex[:12]}"
