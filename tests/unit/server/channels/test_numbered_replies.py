"""A typed number maps to the option of the assistant's latest turn, read from the tracker."""

from __future__ import annotations

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered, UserUtteranceReverted
from rasa.shared.core.trackers import DialogueStateTracker

from server.channels.numbered_replies import (
    chosen_number,
    new_turn,
    number_buttons,
    offered_buttons,
    resolve,
)

MENU = [{"title": "The basics", "payload": "/help"}, {"title": "What helps", "payload": "/diet"}]
VOTE = [{"title": "👍 Yes", "payload": "/helpful"}, {"title": "👎 No", "payload": "/not_helpful"}]


def test_chosen_number_accepts_what_people_type():
    assert [chosen_number(text) for text in ("2", " 2 ", "2.", "2)", "#2", "12")] == [
        2,
        2,
        2,
        2,
        2,
        12,
    ]
    assert [chosen_number(text) for text in ("", None, "two", "2 please", "123", "1.5")] == [
        None
    ] * 6


def test_the_latest_turn_with_buttons_counts():
    events = [
        UserUttered("help"),
        ActionExecuted("action_show_topic_menu"),
        BotUttered("Pick a group:", {"buttons": MENU}),
        BotUttered("Reminder."),
        ActionExecuted("action_listen"),
    ]
    assert offered_buttons(events) == MENU


def test_numbers_run_across_every_message_of_the_turn_in_the_order_sent():
    events = [
        UserUttered("is coffee good for me"),
        BotUttered("Coffee ..."),
        BotUttered("Was this helpful?", {"buttons": VOTE}),
        BotUttered("Want to know more?", {"buttons": MENU}),
        BotUttered("Reminder."),
    ]
    assert offered_buttons(events) == VOTE + MENU


async def test_a_turn_numbers_its_buttons_as_the_tracker_reads_them_back():
    """Async: it runs in a task of its own, so the turns it starts end with it."""
    # Outside a turn (no webhook message): each message as it is, numbered from 1 if listed.
    assert number_buttons(VOTE) == VOTE
    new_turn()
    assert [b["number"] for b in number_buttons(VOTE)] == [1, 2]
    assert [(b["number"], b["payload"]) for b in number_buttons(MENU)] == [(3, "/help"), (4, "/diet")]
    new_turn()
    assert [b["number"] for b in number_buttons(MENU)] == [1, 2]


def test_a_fallback_turn_counts_although_it_reverts_the_user_message():
    events = [
        UserUttered("blah"),
        BotUttered("Did you mean?", {"buttons": MENU}),
        UserUtteranceReverted(),
    ]
    assert offered_buttons(events) == MENU


def test_options_expire_once_the_user_says_something_else():
    events = [
        BotUttered("Pick:", {"buttons": MENU}),
        UserUttered("what is nash"),
        BotUttered("MASH is..."),
    ]
    assert offered_buttons(events) == []
    assert offered_buttons([]) == []


class Agent:
    def __init__(self, store):
        self.tracker_store = store


async def test_resolve_reads_the_conversation_from_the_tracker_store():
    store = InMemoryTrackerStore(Domain.empty())
    tracker = DialogueStateTracker.from_events(
        "ann", [UserUttered("help"), BotUttered("Pick:", {"buttons": MENU})]
    )
    await store.save(tracker)
    agent = Agent(store)
    assert await resolve(agent, "ann", "2") == "/diet"
    assert await resolve(agent, "ann", "3") == "3"  # no third option: the text goes on as typed
    assert await resolve(agent, "ann", "what is nash") == "what is nash"
    assert await resolve(agent, "someone-new", "1") == "1"
    assert await resolve(None, "ann", "1") == "1"
