"""`make purge DAYS=30` deletes conversations idle for more than 30 days, on both databases.

Its argument checks and SQLite-only cases are unit tests: tests/unit/tools/test_purge.py."""

import subprocess
import time

import yaml
from rasa.shared.core.domain import Domain

from server.store.conversation_store import ConversationStore
from tests.conftest import ROOT
from tests.integration.conftest import count_events, new_sender
from tests.unit.tools.test_purge import events_at, store_conversation


def endpoints_file(tmp_path, settings):
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["tracker_store"].update(settings)
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return path


def make_purge(*args):
    return subprocess.run(["make", "-s", "purge", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


async def test_purge_deletes_only_conversations_idle_for_longer(new_database, tmp_path):
    settings = new_database()
    fields = {("host" if key == "url" else key): value for key, value in settings.items()}
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), **fields)
    now = time.time()
    idle, recent, long_but_active = new_sender(), new_sender(), new_sender()
    await store_conversation(store, idle, events_at(45, 40, now=now))
    await store_conversation(store, recent, events_at(2, now=now))
    # Started long ago, but its last message is recent: kept whole.
    await store_conversation(store, long_but_active, events_at(120, 60, 1, now=now))
    store.engine.dispose()

    result = make_purge("DAYS=30", f"ENDPOINTS={endpoints_file(tmp_path, settings)}")

    assert result.returncode == 0, result.stderr
    assert "Purged 1 conversations (6 events) idle for more than 30 days" in result.stdout
    assert "2 conversations kept" in result.stdout
    assert count_events(settings, idle) == 0
    assert count_events(settings, recent) == 4
    assert count_events(settings, long_but_active) == 8
    for private in (idle, recent, long_but_active, "private words"):
        assert private not in result.stdout + result.stderr, "counts only"

