"""GET /health/store in-process, on a real SQLite store: ok or not, naming no database."""

import shutil
from types import SimpleNamespace

import requests
from rasa.core.tracker_store import FailSafeTrackerStore

from server.channels.health import HealthInput
from server.store.conversation_store import ConversationStore
from tests.unit.server.channels.serving import serving


def test_the_answer_names_no_database_when_up_or_down(tmp_path):
    folder = tmp_path / "private-folder-name"
    store = ConversationStore(dialect="sqlite", db=str(folder / "conversations.db"))
    # The store as Rasa holds it, in the one attribute of a loaded agent the route reads.
    agent = SimpleNamespace(tracker_store=FailSafeTrackerStore(store))
    with serving(HealthInput(), agent) as (url, _):
        up = requests.get(f"{url}/health/store", timeout=10)
        store.engine.dispose()
        shutil.rmtree(folder)
        down = requests.get(f"{url}/health/store", timeout=10)
    assert (up.status_code, up.json()) == (200, {"tracker_store": "ok"})
    assert (down.status_code, down.json()) == (503, {"tracker_store": "unavailable"})
    assert "private-folder-name" not in up.text + down.text and "sqlite" not in up.text + down.text
