"""The real Rasa server and action server as separate processes, each stoppable on its own.

They start with the commands scripts/run.sh uses, at the default log level (INFO), with
the project's endpoints.yml and credentials.yml rewritten only where a test must differ:
its own database, its own ports, and the /health/store channel.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests
import yaml

from tests.conftest import ROOT
from tests.processes import free_port, stop_group

TOKEN = "persistence-test-token"
RASA_START_TIMEOUT_S = 300
ACTIONS_START_TIMEOUT_S = 120
HEALTH_CHANNEL = "server.channels.health.HealthInput"


def new_sender() -> str:
    return f"persist-{uuid.uuid4().hex[:12]}"


def write_config(folder: Path, store: Dict[str, Any], actions_port: int) -> Dict[str, Path]:
    """endpoints.yml with `store` fields and the test's action server; credentials + health."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    endpoints["tracker_store"].update(store)
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    credentials.setdefault(HEALTH_CHANNEL, None)
    paths = {"endpoints": folder / "endpoints.yml", "credentials": folder / "credentials.yml"}
    paths["endpoints"].write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    paths["credentials"].write_text(yaml.safe_dump(credentials), encoding="utf-8")
    return paths


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}; see {log}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} did not answer in {timeout_s} s; see {log}")


@dataclass
class Stack:
    folder: Path
    model: Path
    store: Dict[str, Any]
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    rasa: Optional[subprocess.Popen] = None
    actions: Optional[subprocess.Popen] = None

    def __post_init__(self) -> None:
        self.config = write_config(self.folder, self.store, self.actions_port)
        self.rasa_log = self.folder / "rasa.log"
        self.actions_log = self.folder / "actions.log"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _spawn(self, command: List[str], log: Path) -> subprocess.Popen:
        env = {**os.environ, "ENDPOINTS": str(self.config["endpoints"])}
        env.pop("LOG_LEVEL", None)  # the default level, INFO, as `make run` has it
        with open(log, "a") as out:
            return subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_actions(self) -> None:
        self.actions = self._spawn(
            [".venv/bin/rasa", "run", "actions", "--port", str(self.actions_port)], self.actions_log
        )
        wait_until_up(
            f"http://127.0.0.1:{self.actions_port}/health", self.actions, self.actions_log,
            ACTIONS_START_TIMEOUT_S,
        )

    def stop_actions(self) -> None:
        stop_group(self.actions)

    def start_rasa(self) -> None:
        self.rasa = self._spawn(
            [".venv/bin/rasa", "run", "--model", str(self.model), "--port", str(self.rasa_port),
             "--endpoints", str(self.config["endpoints"]),
             "--credentials", str(self.config["credentials"]),
             "--enable-api", "--auth-token", TOKEN],
            self.rasa_log,
        )
        wait_until_up(self.rasa_url, self.rasa, self.rasa_log, RASA_START_TIMEOUT_S)

    def stop_rasa(self) -> None:
        stop_group(self.rasa)

    def start(self) -> "Stack":
        self.start_actions()
        self.start_rasa()
        return self

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()

    def post(self, sender: str, message: str) -> requests.Response:
        return requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=120,
        )

    def say(self, sender: str, message: str) -> List[str]:
        """The texts of the replies to `message`."""
        response = self.post(sender, message)
        assert response.status_code == 200, response.text
        return [reply.get("text", "") for reply in response.json()]

    def parse_intent(self, text: str) -> str:
        response = requests.post(
            f"{self.rasa_url}/model/parse", params={"token": TOKEN}, json={"text": text}, timeout=60
        )
        assert response.status_code == 200, response.text
        return response.json()["intent"]["name"]

    def tracker(self, sender: str) -> Dict[str, Any]:
        """The conversation through Rasa's HTTP API (which starts a session if it has none)."""
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": TOKEN, "include_events": "ALL"}, timeout=60,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def store_health(self) -> requests.Response:
        return requests.get(f"{self.rasa_url}/health/store", timeout=30)

    def logs(self) -> str:
        return self.rasa_log.read_text(errors="replace") + self.actions_log.read_text(errors="replace")

    def is_up(self) -> bool:
        try:
            return requests.get(self.rasa_url, timeout=10).status_code == 200
        except requests.RequestException:
            return False
