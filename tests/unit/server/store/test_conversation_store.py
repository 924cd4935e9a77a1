"""The SQLite file behind `make run`: commits that do not wait for the disk, and deletes that
leave no message text behind in the database file or its write-ahead log."""

import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server.store.conversation_store import ConversationStore
from tools import purge
from tests.conftest import ROOT

MARKER = "zebra-quartz-marker"


@pytest.fixture
def store(tmp_path):
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite",
                              db=str(tmp_path / "conversations.db"))
    yield store
    store.engine.dispose()


def stored_bytes(store):
    """Everything SQLite keeps on disk for this store: the file and its -wal and -journal."""
    path = store.engine.url.database
    found = b""
    for suffix in ("", "-wal", "-journal"):
        try:
            with open(path + suffix, "rb") as file:
                found += file.read()
        except FileNotFoundError:
            pass
    return found


async def save_conversation(store, sender, text, timestamp=None):
    events = [UserUttered(text, {"name": "out_of_scope", "confidence": 1.0}, timestamp=timestamp),
              ActionExecuted("action_listen", timestamp=timestamp)]
    await store.save(DialogueStateTracker.from_events(sender, events, store.domain.slots))


def pragma(store, name):
    with store.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


async def test_the_file_is_written_ahead_and_erases_what_it_deletes(store):
    await save_conversation(store, "someone", "hello")

    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "synchronous") == 1  # NORMAL
    assert pragma(store, "secure_delete") == 1


async def test_forget_me_leaves_no_message_text_in_the_files(store):
    sender = f"forget-{uuid.uuid4().hex[:8]}"
    await save_conversation(store, sender, f"my secret is {MARKER}")
    await save_conversation(store, "someone else", "a question about sleep")
    assert MARKER.encode() in stored_bytes(store)

    assert store.delete_conversation(sender) > 0

    assert MARKER.encode() not in stored_bytes(store)
    assert await store.retrieve("someone else") is not None


async def test_purge_leaves_no_message_text_in_the_files(store):
    await save_conversation(store, "idle", f"old secret {MARKER}", timestamp=time.time() - 90 * 86400)
    await save_conversation(store, "active", "a question about sleep")
    engine = purge.create_store_engine(store.engine.url)

    try:
        assert purge.purge(engine, days=30)[0] == 1
    finally:
        engine.dispose()

    assert MARKER.encode() not in stored_bytes(store)
    assert await store.retrieve("active") is not None
