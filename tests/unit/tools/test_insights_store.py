"""Reading a range from a real SQLite store built as the servers build it: only conversations
with a user message in the range, whole, and never one that was deleted."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.utils.endpoints import read_endpoint_config

from server.store.conversation_store import ConversationStore
from tools.insights_store import close, conversations, conversations_in_range, open_store
from tests.conftest import ROOT
from tests.unit.tools.test_insights import endpoints_file, save, session, topic_turn, vote, when


@pytest.fixture
def store(tmp_path):
    fields = {"dialect": "sqlite", "db": str(tmp_path / "conversations.db")}
    domain = Domain.load(str(ROOT / "domain.yml"))
    config = read_endpoint_config(str(endpoints_file(tmp_path, fields)), "tracker_store")
    store = open_store(config, domain)
    yield store
    close(store)


async def test_the_store_is_the_class_endpoints_names_and_reads_whole_conversations(store):
    assert isinstance(store, ConversationStore)
    await save(store, "across", session(when(10, 31)) + topic_turn("coffee?", "coffee", when(10, 31)) + vote(True, when(11, 2)))
    await save(store, "october", session(when(10, 5)) + topic_turn("diet?", "diet", when(10, 5)))
    await save(store, "only-a-session-start", session(when(11, 3)))

    assert conversations_in_range(store, when(11, 1, 0), when(12, 1, 0)) == ["across"]
    loaded = [events async for events in conversations(store, ["across"])]
    assert len(loaded) == 1
    assert SlotSet("topic", "coffee") in loaded[0], "the earlier events come along: they say what a vote is for"


async def test_a_conversation_forgotten_meanwhile_is_skipped(store):
    await save(store, "forgotten", session(when(11, 4)) + topic_turn("coffee?", "coffee", when(11, 4)))
    await save(store, "kept", session(when(11, 5)) + topic_turn("diet?", "diet", when(11, 5)))
    listed = conversations_in_range(store, when(11, 1, 0), when(12, 1, 0))
    # "Forget me" runs after the list was read, before its conversation is loaded.
    store.delete_conversation("forgotten")

    loaded = [events async for events in conversations(store, listed)]

    assert listed == ["forgotten", "kept"]
    assert len(loaded) == 1 and any(getattr(event, "text", None) == "diet?" for event in loaded[0])
