"""The real assistant, started the way `make run` starts it, on free ports."""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List

import pytest
import requests

from tests.processes import free_port, launch_run_sh, stop_group, wait_for_run_sh

TOKEN = "e2e-test-token"
START_TIMEOUT_S = 240


@dataclass
class Assistant:
    rasa_url: str
    actions_url: str
    process: subprocess.Popen

    def say(self, sender: str, message: Any) -> List[Dict[str, Any]]:
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def parse(self, text: str) -> Dict[str, Any]:
        response = requests.post(
            f"{self.rasa_url}/model/parse", params={"token": TOKEN}, json={"text": text}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def assistant(trained_model, tmp_path_factory) -> Assistant:
    rasa_port, actions_port = free_port(), free_port()
    endpoints = tmp_path_factory.mktemp("e2e") / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    log_path = tmp_path_factory.getbasetemp() / "assistant.log"
    process = launch_run_sh(
        log_path, RASA_PORT=str(rasa_port), ACTIONS_PORT=str(actions_port),
        ENDPOINTS=str(endpoints), RASA_AUTH_TOKEN=TOKEN,
    )
    try:
        wait_for_run_sh(process, log_path, START_TIMEOUT_S)
        yield Assistant(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}", process)
    finally:
        # Ctrl-C, as a user stops `make run`: both servers must stop and free their ports.
        stop_group(process, (rasa_port, actions_port))


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"
