"""The real assistant, started the way `make run` starts it, on free ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List

import pytest
import requests

from tests.conftest import ROOT

TOKEN = "e2e-test-token"
START_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "ENDPOINTS": str(endpoints),
        "RASA_AUTH_TOKEN": TOKEN,
    }
    log = open(tmp_path_factory.getbasetemp() / "assistant.log", "w")
    # Its own process group, so the fixture can stop it as Ctrl-C would.
    process = subprocess.Popen(
        ["scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assistant = Assistant(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}", process)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            pytest.fail(f"scripts/run.sh exited with {process.returncode}; see {log.name}")
        try:
            if "The assistant is running" in open(log.name).read():
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the assistant did not start in {START_TIMEOUT_S} s; see {log.name}")
        time.sleep(1)
    yield assistant
    # Ctrl-C, as a user stops `make run`: both servers must stop and free their ports.
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=60)
        for port in (rasa_port, actions_port):
            with socket.socket() as sock:
                assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"
