"""'Forget me' also drops the turns Rasa held in memory while the database was down.

Rasa wraps the store in a FailSafeTrackerStore: a turn it cannot save goes to an
InMemoryTrackerStore and stays there while the server runs. A real SQLite store is made
unreachable by moving its folder away, as a database outage would.
"""

import shutil

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server.store.conversation_store import ConversationStore, TrackerStoreUnavailable
from server.store.forget import delete_conversation


@pytest.fixture
def outage(tmp_path):
    """(Rasa's wrapped store, a function that takes the database away, one that brings it back)."""
    folder, away = tmp_path / "db", tmp_path / "away"
    store = ConversationStore(domain=Domain.empty(), dialect="sqlite", db=str(folder / "conversations.db"))
    wrapped = FailSafeTrackerStore(store)

    def down():
        store.engine.dispose()
        shutil.move(folder, away)

    def up():
        shutil.move(away, folder)

    yield wrapped, down, up
    store.engine.dispose()


async def said_during_outage(wrapped, sender, text):
    tracker = DialogueStateTracker.from_events(sender, [UserUttered(text)])
    await wrapped.save(tracker)  # fails on the database, goes to memory
    assert sender in wrapped.fallback_tracker_store.store, "Rasa kept the turn in memory"


async def test_forget_me_after_the_outage_clears_memory_and_database(outage):
    wrapped, down, up = outage
    await wrapped.save(DialogueStateTracker.from_events("ann", [UserUttered("before")]))
    down()
    await said_during_outage(wrapped, "ann", "my secret during the outage")
    await said_during_outage(wrapped, "bob", "someone else")
    up()

    assert delete_conversation(wrapped, "ann") > 0
    assert "ann" not in wrapped.fallback_tracker_store.store
    assert await wrapped.retrieve("ann") is None
    assert "bob" in wrapped.fallback_tracker_store.store, "other conversations are kept"


async def test_forget_me_during_the_outage_clears_memory_and_still_reports_failure(outage):
    wrapped, down, up = outage
    down()
    await said_during_outage(wrapped, "ann", "my secret during the outage")
    with pytest.raises(TrackerStoreUnavailable):
        delete_conversation(wrapped, "ann")  # the user gets the apology, not a confirmation
    assert "ann" not in wrapped.fallback_tracker_store.store
    up()
