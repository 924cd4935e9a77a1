"""The production profile on real services (services.py): PostgreSQL, Redis, nginx, an
action server and two Rasa replicas, started once for the whole tier; the store tests use
the same PostgreSQL server, each on a database of its own."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
import requests
import yaml

from tests.conftest import FIGURES, ROOT
from tests.harness.assistant import Assistant
from tests.harness.postgres import PostgreSQL
from tests.harness.store import count_events  # noqa: F401 (the store tests import it here)
from tests.integration.services import API_TOKEN, Stack

REST_TIMEOUT_S = 300
INTEGRATION = Path(__file__).resolve().parent


def new_sender() -> str:
    return f"integration-{uuid.uuid4().hex[:12]}"


def pytest_collection_modifyitems(items):
    """Tests marked `last` kill and restart services: they run after the other tests of
    this tier, which stays one block (its stack is started once per block)."""
    here = [index for index, item in enumerate(items) if INTEGRATION in Path(str(item.fspath)).parents]
    ordered = sorted((items[index] for index in here), key=lambda item: item.get_closest_marker("last") is not None)
    for index, item in zip(here, ordered):
        items[index] = item


@pytest.fixture(scope="session")
def postgres(tmp_path_factory) -> Iterator[PostgreSQL]:
    """One PostgreSQL server for the session: the stack's database and the store tests'."""
    server = PostgreSQL(tmp_path_factory.mktemp("postgresql"))
    server.start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def dialect(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def new_database(dialect, request, tmp_path_factory) -> Callable[[], Dict[str, Any]]:
    """Makes an empty database of the dialect under test; returns its tracker_store fields."""

    def make() -> Dict[str, Any]:
        if dialect == "sqlite":
            folder = tmp_path_factory.mktemp("store-sqlite")
            return {"dialect": "sqlite", "db": str(folder / "conversations.db")}
        server = request.getfixturevalue("postgres")
        return server.store_settings(server.create_database(f"store_{uuid.uuid4().hex[:8]}"))

    return make


@pytest.fixture(scope="package")
def stack(trained_model, postgres) -> Iterator[Stack]:
    # Kept after the run (a few hundred kB): the logs are what explains a failure, and
    # pytest's own temporary folders are recycled by any other pytest run on the machine.
    logs_and_state = Path(tempfile.mkdtemp(prefix="liver-insight-integration-"))
    # nginx's workers (nobody, when started as root) must reach its temporary files.
    nginx_home = Path(tempfile.mkdtemp(prefix="liver-insight-nginx-"))
    nginx_home.chmod(0o755)
    stack = Stack(trained_model, postgres, logs_and_state, nginx_home)
    FIGURES["integration: service logs"] = str(stack.logs)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(nginx_home, ignore_errors=True)


@dataclass
class ReplicaClient(Assistant):
    """A client inside the network, on the first replica: the REST channel and the HTTP API
    (which nginx does not route), plus the stack's action server and logs."""

    stack: Stack = None

    @property
    def actions(self) -> subprocess.Popen:
        return self.stack.actions.service.process

    def stop_actions(self) -> None:
        self.stack.actions.service.stop()

    def start_actions(self) -> None:
        self.stack.actions.start()
        self.stack.actions.wait()

    @property
    def rasa_log(self) -> Path:
        return self.stack.replicas[0].service.log

    def logs(self) -> str:
        return "".join(path.read_text(errors="replace") for path in sorted(self.stack.logs.glob("*.log")))

    def count_events(self, sender_id: str) -> int:
        return count_events(self.stack.postgres.store_settings(), sender_id)


@pytest.fixture(scope="package")
def replica(stack) -> ReplicaClient:
    return ReplicaClient(f"http://{stack.replicas[0].address}", API_TOKEN, stack=stack)


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
