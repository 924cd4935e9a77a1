"""The action server with Rasa absent: a throwaway environment holding only the `actions`
group of uv.lock (rasa-sdk and PyYAML, what deploy/actions.Dockerfile installs) starts the
actions from the project root and answers a real action call, as the Rasa server sends it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from common.names import FORGET_ACTION, FORGET_CONFIRMATION
from tests.conftest import ROOT
from tests.harness.ports import free_port

START_TIMEOUT_S = 30


def uv() -> str:
    """The uv of the PATH, or the one the Makefile bootstraps into .tools/."""
    found = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    if not os.access(found, os.X_OK):
        pytest.fail("uv not found (on the PATH or in .tools/bin): run `make install`")
    return found


def clean_environment(**extra: str) -> dict:
    """This process's environment without what points Python at the project's .venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def actions_venv(tmp_path_factory) -> Path:
    """Only the `actions` group, at the locked versions (--frozen), from uv's cache."""
    venv = tmp_path_factory.mktemp("actions-only") / "venv"
    completed = subprocess.run(
        [uv(), "sync", "--frozen", "--only-group", "actions", "--python", sys.executable, "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env=clean_environment(UV_PROJECT_ENVIRONMENT=str(venv), UV_PYTHON_DOWNLOADS="never"),
    )
    assert completed.returncode == 0, completed.stderr
    yield venv
    shutil.rmtree(venv, ignore_errors=True)


def run_in(venv: Path, code: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=clean_environment())


def test_the_environment_has_no_rasa_and_no_tensorflow(actions_venv):
    for module in ("rasa", "tensorflow"):
        completed = run_in(actions_venv, f"import {module}")
        assert completed.returncode != 0 and f"No module named '{module}'" in completed.stderr, module
    assert run_in(actions_venv, "import rasa_sdk, yaml").returncode == 0


@pytest.fixture
def action_server(actions_venv, tmp_path):
    port = free_port()
    log_path = tmp_path / "actions.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(actions_venv / "bin" / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env=clean_environment(SANIC_HOST="127.0.0.1"),
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"the action server exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                if requests.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer on /health in {START_TIMEOUT_S} s:\n{log_path.read_text()}")
            # A short pause between polls; the loop ends as soon as /health answers.
            time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)


def action_call(action: str, sender: str, intent: str, text: str) -> dict:
    """What the Rasa server posts to the action endpoint (rasa.core.actions.action.RemoteAction)."""
    parse_data = {"intent": {"name": intent, "confidence": 1.0}, "entities": [], "text": text,
                  "intent_ranking": [{"name": intent, "confidence": 1.0}]}
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.21",
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": parse_data,
            "latest_event_time": time.time(),
            "followup_action": None,
            "paused": False,
            "events": [
                {"event": "action", "name": "action_session_start", "timestamp": time.time()},
                {"event": "session_started", "timestamp": time.time()},
                {"event": "action", "name": "action_listen", "timestamp": time.time()},
                {"event": "user", "text": text, "parse_data": parse_data, "timestamp": time.time()},
            ],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
        "domain": {},
    }


def test_forget_me_answers_with_the_confirmation_the_store_deletes_on(action_server):
    response = requests.post(
        f"{action_server}/webhook",
        json=action_call(FORGET_ACTION, "actions-without-rasa", "confirm_forget_me", "/confirm_forget_me"),
        timeout=30,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert [message.get("response") for message in body["responses"]] == [FORGET_CONFIRMATION]
    assert body["events"] == []
