"""The whole assistant (action server, Rasa server, widget demo page) started by
scripts/run.sh on free ports, as `make run` starts it, and stopped with Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict

import pytest
import requests

from tests.conftest import ROOT
from tests.e2e.conftest import TOKEN, free_port

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
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    web_url = f"http://127.0.0.1:{web_port}"
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(web_port),
        "ENDPOINTS": str(endpoints),
        "RASA_AUTH_TOKEN": TOKEN,
        "CORS_ORIGINS": web_url,
        **extra_env,
    }
    log_path = workdir / "assistant.log"
    with open(log_path, "w") as log:
        # Its own process group, so it can be stopped as Ctrl-C would.
        process = subprocess.Popen(
            ["scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ports = (rasa_port, actions_port, web_port)
    return Stack(f"http://127.0.0.1:{rasa_port}", web_url, ports, process, log_path)


def wait_until_running(stack: Stack) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while "The assistant is running" not in stack.log.read_text(errors="replace"):
        if stack.process.poll() is not None:
            pytest.fail(f"scripts/run.sh exited with {stack.process.returncode}; see {stack.log}")
        if time.monotonic() > deadline:
            pytest.fail(f"the assistant did not start in {START_TIMEOUT_S} s; see {stack.log}")
        time.sleep(1)


def stop(stack: Stack) -> None:
    """Ctrl-C: all three servers must stop and free their ports."""
    if stack.process.poll() is None:
        os.killpg(stack.process.pid, signal.SIGINT)
    try:
        stack.process.wait(timeout=60)
        for port in stack.ports:
            with socket.socket() as sock:
                assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after Ctrl-C"
    finally:
        if stack.process.poll() is None:
            os.killpg(stack.process.pid, signal.SIGKILL)
