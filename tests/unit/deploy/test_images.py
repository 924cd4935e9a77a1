"""The Dockerfile and the compose file, read (no Docker daemon here): no secret on a
command line, and the secrets the production set-up needs are required."""

from __future__ import annotations

import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def test_the_rasa_image_takes_its_token_from_the_environment():
    command = [line for line in (DEPLOY / "rasa.Dockerfile").read_text().splitlines()
               if line.startswith("CMD")]
    assert len(command) == 1 and "server.launch" in command[0]
    assert "--auth-token" not in command[0] and "--enable-api" not in command[0]


def test_compose_requires_the_session_and_log_secrets_and_passes_no_token_as_an_argument():
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text())
    rasa, nginx = compose["services"]["rasa"], compose["services"]["nginx"]
    assert rasa["environment"]["SOCKETIO_SESSION_SECRET"].startswith("${SOCKETIO_SESSION_SECRET:?")
    assert nginx["environment"]["NGINX_LOG_HASH_KEY"].startswith("${NGINX_LOG_HASH_KEY:?")
    assert "NGINX_LOG_HASH_KEY" in nginx["environment"]["NGINX_ENVSUBST_FILTER"]
    assert "--auth-token" not in str(rasa.get("command", ""))
    credentials = yaml.safe_load((DEPLOY / "credentials.yml").read_text())
    assert credentials["server.channels.socketio.CheckedSocketIOInput"]["session_secret"] == "${SOCKETIO_SESSION_SECRET}"
