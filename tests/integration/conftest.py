"""The production profile on real services: see services.py."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
import yaml

from tests.conftest import FIGURES, ROOT
from tests.integration.services import Stack

REST_TIMEOUT_S = 300


@pytest.fixture(scope="session")
def stack(trained_model) -> Stack:
    # Kept after the run (a few hundred kB): the logs are what explains a failure, and
    # pytest's own temporary folders are recycled by any other pytest run on the machine.
    logs_and_state = Path(tempfile.mkdtemp(prefix="liver-insight-integration-"))
    # nginx's workers (nobody, when started as root) must reach its temporary files.
    nginx_home = Path(tempfile.mkdtemp(prefix="liver-insight-nginx-"))
    nginx_home.chmod(0o755)
    stack = Stack(trained_model, logs_and_state, nginx_home)
    FIGURES["integration: service logs"] = str(stack.logs)
    try:
        stack.start()
        yield stack
    finally:
        stack.remove()
        shutil.rmtree(nginx_home, ignore_errors=True)


def apology_text() -> str:
    """What the assistant says when a part of it fails (server/patches/action_failure.py)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]["utter_service_unavailable"][0]["text"]


def say(session: requests.Session, base_url: str, sender: str, text: str,
        headers: Dict[str, str] = None) -> requests.Response:
    """A REST client as the deployment docs describe it: the sender also in the URL."""
    return session.post(f"{base_url}/webhooks/rest/webhook", params={"sender": sender},
                        json={"sender": sender, "message": text}, headers=headers,
                        timeout=REST_TIMEOUT_S)


def stored_events(stack: Stack, sender: str) -> List[Dict[str, Any]]:
    """The conversation's events as PostgreSQL holds them, in the order they were stored."""
    import json

    connection = stack.postgres.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [json.loads(row[0]) for row in cursor.fetchall()]
    finally:
        connection.close()


def user_texts(events: List[Dict[str, Any]]) -> List[str]:
    return [event["text"] for event in events if event["event"] == "user"]


def paragraphs(texts: List[str]) -> List[str]:
    """Rasa's REST channel sends each paragraph of a stored bot text as its own message."""
    return [part.strip() for text in texts for part in text.strip().split("\n\n")]


def bot_texts(events: List[Dict[str, Any]]) -> List[str]:
    """The stored bot messages, paragraph by paragraph, as a REST client receives them."""
    return paragraphs([event.get("text") or "" for event in events if event["event"] == "bot"])


def reply_texts(replies: List[Dict[str, Any]]) -> List[str]:
    return paragraphs([reply.get("text") or "" for reply in replies])
