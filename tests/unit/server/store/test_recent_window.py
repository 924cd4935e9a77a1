"""The store hands the processor the recent turns only, stores every event, and changes no answer.

The store tests run on a real SQLite file (tests/system/persistence covers PostgreSQL through the
live server). The last tests check the conditions under which the window cannot change a
prediction, against config.yml, endpoints.yml and the training data as they are.
"""

import uuid
from functools import partial

import pytest
import yaml
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import RULE_SNIPPET_ACTION_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    AllSlotsReset,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.structures import RuleStep

from server.store.conversation_store import ConversationStore
from server.store.recent_window import DEFAULT_RECENT_TURNS
from tests.unit.server.training.test_importer import make_importer
from tests.conftest import ROOT

ENDPOINTS = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
WINDOW = ENDPOINTS["tracker_store"].get("recent_turns", DEFAULT_RECENT_TURNS)


@pytest.fixture
def store(tmp_path):
    store = ConversationStore(
        domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite",
        db=str(tmp_path / "conversations.db"), recent_turns=WINDOW,
    )
    yield store
    store.engine.dispose()


def turn(number, topic=None):
    events = [
        UserUttered(f"question {number}", {"name": topic or "greet", "confidence": 1.0}),
        ActionExecuted("action_answer_topic" if topic else "utter_greet"),
    ]
    if topic:
        events.append(SlotSet("topic", topic))
    return events + [BotUttered(f"answer {number}"), ActionExecuted("action_listen")]


async def stored_conversation(store, turns):
    """`turns`: functions making each turn's events, called in order, as the events' timestamps
    must come after the session start (Rasa's session query goes by timestamp)."""
    sender = f"window-{uuid.uuid4().hex[:8]}"
    tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
    # Rasa logs action_session_start after the SessionStarted it returned: a later timestamp.
    started = SessionStarted()
    for event in [ActionExecuted("action_session_start"), started, ActionExecuted("action_listen")]:
        tracker.update(event)
    for make_events in turns:
        for event in make_events():
            tracker.update(event)
        await store.save(tracker)
    return sender


def said(tracker):
    return [event.text for event in tracker.events if isinstance(event, UserUttered)]


async def test_a_long_conversation_loads_its_last_turns_and_keeps_every_event(store):
    sender = await stored_conversation(store, [partial(turn, n) for n in range(1, 21)])

    recent = await store.retrieve(sender)
    full = await store.retrieve_full_tracker(sender)

    assert said(recent) == [f"question {n}" for n in range(21 - WINDOW, 21)]
    assert isinstance(recent.events[0], ActionExecuted) and recent.events[0].action_name == "action_listen"
    assert said(full) == [f"question {n}" for n in range(1, 21)]


async def test_a_slot_set_before_the_window_keeps_its_latest_value(store):
    turns = [partial(turn, 1, "what_is_fatty_liver"), partial(turn, 2, "what_is_nash")]
    turns += [partial(turn, n) for n in range(3, 21)]
    sender = await stored_conversation(store, turns)

    recent = await store.retrieve(sender)

    assert recent.get_slot("topic") == "what_is_nash"
    assert [e.value for e in recent.events if isinstance(e, SlotSet)] == ["what_is_nash"]


async def test_a_slot_reset_before_the_window_is_respected(store):
    turns = [partial(turn, 1, "what_is_nash"), lambda: [AllSlotsReset()]]
    turns += [partial(turn, n) for n in range(2, 21)]
    sender = await stored_conversation(store, turns)

    recent = await store.retrieve(sender)

    assert recent.get_slot("topic") is None


async def test_saving_a_loaded_tracker_stores_only_what_was_added_once(store):
    sender = await stored_conversation(store, [partial(turn, n, "what_is_nash") for n in range(1, 21)])
    stored_before = len((await store.retrieve_full_tracker(sender)).events)

    recent = await store.retrieve(sender)
    for event in turn(21):
        recent.update(event)
    await store.save(recent)
    await store.save(recent)  # Rasa saves a tracker more than once in a turn

    full = await store.retrieve_full_tracker(sender)
    assert len(full.events) == stored_before + len(turn(21))
    assert said(full)[-2:] == ["question 20", "question 21"]
    assert sum(isinstance(e, SlotSet) for e in full.events) == 20, "carried slots are not stored again"


def stored_rows(store, sender):
    """Every column of the sender's stored events but the row id and the sender, in order."""
    table = SQLTrackerStore.SQLEvent.__table__
    columns = [column for column in table.columns if column.name not in ("id", "sender_id")]
    with store.engine.connect() as connection:
        return connection.execute(
            sa.select(*columns).where(table.c.sender_id == sender).order_by(table.c.id)
        ).all()


async def test_the_rows_saved_after_a_windowed_load_are_the_rows_rasa_writes(store):
    sender = await stored_conversation(store, [partial(turn, n) for n in range(1, 11)])
    added = turn(11, "what_is_nash")

    recent = await store.retrieve(sender)
    for event in added:
        recent.update(event)
    await store.save(recent)
    rasas = DialogueStateTracker.from_events(f"rasa-{sender}", added, store.domain.slots)
    await SQLTrackerStore.save(store, rasas)  # Rasa's own save, bypassing the window

    assert stored_rows(store, sender)[-len(added):] == stored_rows(store, f"rasa-{sender}")


async def test_a_short_conversation_loads_whole(store):
    sender = await stored_conversation(store, [partial(turn, n) for n in range(1, 4)])

    recent = await store.retrieve(sender)

    assert [e.as_dict() for e in recent.events] == [e.as_dict() for e in (await store.retrieve_full_tracker(sender)).events]


async def test_zero_recent_turns_loads_the_whole_session(store):
    store.recent_turns = 0
    sender = await stored_conversation(store, [partial(turn, n) for n in range(1, 21)])

    assert len(said(await store.retrieve(sender))) == 20


async def test_forget_me_deletes_the_turns_outside_the_window_too(store):
    sender = await stored_conversation(store, [partial(turn, n) for n in range(1, 21)])

    stored = len((await store.retrieve_full_tracker(sender)).events)

    assert store.delete_conversation(sender) == stored == 83
    assert await store.retrieve(sender) is None


# Conditions under which loading only the recent turns cannot change a prediction.


def test_every_policy_with_a_history_looks_back_fewer_turns_than_the_window():
    histories = {p["name"]: p["max_history"] for p in CONFIG["policies"] if p.get("max_history")}
    assert histories.get("TEDPolicy"), "TEDPolicy's history is bounded (config.yml)"
    assert all(turns < WINDOW for turns in histories.values()), histories


def test_no_story_or_rule_is_as_long_as_the_window_and_session_openings_are_one_turn():
    """MemoizationPolicy (no max_history) matches whole stories from a conversation's start,
    and RulePolicy the tail of a rule: with every one shorter than the window, a tracker cut
    to exactly WINDOW user turns can match nothing the full history would not. A rule tied
    to the conversation's start (the session-opening twins of server/training/importer.py) matches
    only a tracker whose session holds one user turn: a cut tracker holds WINDOW of them, so
    it matches only where the whole session was loaded anyway."""
    steps = make_importer().get_stories().story_steps
    assert steps, "the training data has stories and rules"
    too_long = [
        step.block_name for step in steps
        if sum(isinstance(event, UserUttered) for event in step.events) >= WINDOW
    ]
    assert not too_long, f"stories or rules with {WINDOW}+ user turns: raise recent_turns in endpoints.yml"
    # Rasa puts a rule's conditions first, then the snippet marker "...", unless the rule is
    # tied to the conversation's start.
    anchored = [
        step for step in steps
        if isinstance(step, RuleStep)
        and not any(getattr(event, "action_name", None) == RULE_SNIPPET_ACTION_NAME for event in step.events)
    ]
    assert anchored, "each session opens with the disclaimer through rules tied to its start"
    longer = [
        step.block_name for step in anchored
        if sum(isinstance(event, (UserUttered, list)) for event in step.events) != 1
    ]
    assert not longer, f"rules with conversation_start: true and more than one user turn: {longer}"


def test_the_deployed_store_uses_the_same_window():
    deployed = yaml.safe_load((ROOT / "deploy" / "endpoints.yml").read_text(encoding="utf-8"))
    assert deployed["tracker_store"]["recent_turns"] == WINDOW
