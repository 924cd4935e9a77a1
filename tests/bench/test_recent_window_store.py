"""The proposed recent-window store against a real SQLite file: what it hands Rasa, what it keeps."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from bench.proposals.recent_window_store import RecentWindowStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask]
slots:
  topic:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
"""
)


@pytest.fixture
def store(tmp_path):
    return RecentWindowStore(DOMAIN, recent_turns=3, dialect="sqlite", db=str(tmp_path / "c.db"))


def turn(number):
    return [
        UserUttered(f"question {number}", {"name": "ask"}),
        ActionExecuted("action_answer_topic"),
        BotUttered(f"answer {number}"),
        SlotSet("topic", f"topic_{number}"),
        ActionExecuted("action_listen"),
    ]


async def conversation(store, sender, turns, first_topic_only=False):
    tracker = await store.get_or_create_tracker(sender)
    tracker.update_with_events(
        [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")], DOMAIN
    )
    await store.save(tracker)
    for number in range(1, turns + 1):
        tracker = await store.retrieve(sender)
        events = turn(number)
        if first_topic_only and number > 1:
            events = [event for event in events if not isinstance(event, SlotSet)]
        tracker.update_with_events(events, DOMAIN)
        await store.save(tracker)
    return tracker


async def test_a_short_conversation_comes_back_whole(store):
    await conversation(store, "short", 2)
    tracker = await store.retrieve("short")
    full = await store.retrieve_full_tracker("short")
    # As Rasa's own store does: the latest session, from its SessionStarted on.
    start = next(i for i, e in enumerate(full.events) if isinstance(e, SessionStarted))
    assert [e.as_dict() for e in tracker.events] == [e.as_dict() for e in list(full.events)[start:]]
    assert len([e for e in tracker.events if isinstance(e, UserUttered)]) == 2


async def test_a_long_conversation_comes_back_as_its_last_turns(store):
    await conversation(store, "long", 20)
    tracker = await store.retrieve("long")
    users = [e.text for e in tracker.events if isinstance(e, UserUttered)]
    assert users == ["question 18", "question 19", "question 20"]
    # The window opens at the action_listen before its first user message.
    assert isinstance(tracker.events[0], (ActionExecuted, SlotSet))
    assert tracker.get_slot("topic") == "topic_20"


async def test_every_event_stays_stored_once(store):
    await conversation(store, "kept", 12)
    full = await store.retrieve_full_tracker("kept")
    users = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert users == [f"question {n}" for n in range(1, 13)]
    # The first action_listen, the session start (3 events), then 5 events a turn.
    assert len(full.events) == 1 + 3 + 12 * 5


async def test_a_slot_set_before_the_window_is_carried_into_it(store):
    await conversation(store, "slot", 10, first_topic_only=True)
    tracker = await store.retrieve("slot")
    assert tracker.get_slot("topic") == "topic_1"


async def test_a_slot_reset_by_a_restart_does_not_come_back(store):
    await conversation(store, "restart", 2)
    tracker = await store.retrieve("restart")
    tracker.update_with_events([Restarted(), ActionExecuted("action_listen")], DOMAIN)
    await store.save(tracker)
    for number in range(3, 8):
        tracker = await store.retrieve("restart")
        tracker.update_with_events([e for e in turn(number) if not isinstance(e, SlotSet)], DOMAIN)
        await store.save(tracker)
    assert (await store.retrieve("restart")).get_slot("topic") is None


async def test_saving_the_same_tracker_twice_inserts_nothing_twice(store):
    await conversation(store, "twice", 6)
    tracker = await store.retrieve("twice")
    tracker.update(UserUttered("one more", {"name": "ask"}))
    await store.save(tracker)
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    full = await store.retrieve_full_tracker("twice")
    assert [e.text for e in full.events if isinstance(e, UserUttered)].count("one more") == 1
    assert len(full.events) == 1 + 3 + 6 * 5 + 2


def test_the_proposed_store_brings_the_one_time_schema_check(tmp_path, monkeypatch):
    from rasa.core.actions.action import RemoteAction

    from bench.proposals.fast_action_validation import validate_action_result
    from bench.proposals.recent_window_store import ProposedStore

    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    store = ProposedStore(DOMAIN, recent_turns=8, dialect="sqlite", db=str(tmp_path / "p.db"))
    assert store.recent_turns == 8
    assert RemoteAction._validate_action_result is validate_action_result
