"""The REST channel used behind nginx, in-process: a message is handled once per message id.

The channel runs in a real Sanic server (tests/unit/server/channels/serving.py); behind it,
Rasa's agent is replaced by a stand-in with Rasa's in-memory tracker store (wrapped as
Rasa wraps it), the project's in-memory lock store and a processor that stores each turn
as Rasa's does: a new conversation opens with a session start and its welcome, then the
user message (with its message id) and the reply. The whole stack through nginx and
PostgreSQL: tests/integration/test_retry.py.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional

import pytest
import requests
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server.channels.idempotent_rest import (
    MAX_MESSAGE_ID_CHARS,
    REPLAY_HEADER,
    IdempotentRestInput,
    stored_replies,
)
from server.store.lock_store import RenewingInMemoryLockStore
from tests.unit.server.channels.serving import serving

WELCOME = "Welcome: general information, not medical advice."
WELCOME_BACK = "Welcome back."


def opening(welcome: str = WELCOME) -> List[Event]:
    """The events Rasa stores when a message opens a session, before that message."""
    return [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), BotUttered(welcome),
            ActionExecuted(ACTION_LISTEN_NAME)]


def turn(text: str, message_id: str, *replies: str) -> List[Event]:
    return [UserUttered(text, message_id=message_id), ActionExecuted("utter_answer"),
            *(BotUttered(reply) for reply in replies), ActionExecuted(ACTION_LISTEN_NAME)]


class StandInProcessor:
    """Handles a message as Rasa's processor does, as far as the channel can tell: it
    stores the turn (opening a session for a new conversation) and sends the replies."""

    def __init__(self, tracker_store: Any, delay_s: float = 0.0) -> None:
        self.tracker_store = tracker_store
        self.delay_s = delay_s
        self.handled: List[UserMessage] = []

    async def handle_message(self, message: UserMessage) -> None:
        self.handled.append(message)
        tracker = await self.tracker_store.retrieve_full_tracker(message.sender_id)
        events = [] if tracker else opening()
        tracker = tracker or DialogueStateTracker(message.sender_id, slots=[])
        await asyncio.sleep(self.delay_s)  # the time an answer takes, holding the lock
        events += turn(message.text, message.message_id, f"echo: {message.text}")
        for event in events:
            tracker.update(event)
            if isinstance(event, BotUttered):
                await message.output_channel.send_response(message.sender_id, event.message())
        await self.tracker_store.save(tracker)


class StandInAgent:
    """What the channel uses of Rasa's Agent: its two stores, is_ready() and the processor."""

    def __init__(self, ready: bool = True, delay_s: float = 0.0) -> None:
        self.tracker_store = FailSafeTrackerStore(InMemoryTrackerStore(Domain.empty()))
        self.lock_store = RenewingInMemoryLockStore()
        self.processor = StandInProcessor(self.tracker_store, delay_s)
        self.ready = ready

    def is_ready(self) -> bool:
        return self.ready

    def store(self, sender: str, events: List[Event]) -> None:
        """A conversation as another replica stored it."""
        asyncio.run(self.tracker_store.save(DialogueStateTracker.from_events(sender, events)))

    def stored_events(self, sender: str) -> List[Event]:
        tracker = asyncio.run(self.tracker_store.retrieve_full_tracker(sender))
        return list(tracker.events) if tracker else []


def post(url: str, body: Dict[str, Any], request_id: Optional[str] = None) -> requests.Response:
    headers = {"X-Request-ID": request_id} if request_id is not None else {}
    return requests.post(f"{url}/webhooks/rest/webhook", json=body, headers=headers, timeout=30)


def texts(response: requests.Response) -> List[str]:
    return [reply["text"] for reply in response.json()]


def user_texts(events: List[Event]) -> List[str]:
    return [event.text for event in events if isinstance(event, UserUttered)]


# What the channel reads from a stored conversation.

def test_the_replies_of_a_message_are_those_stored_after_it_until_the_next_message():
    events = [*opening(), *turn("hi", "m-1", "Hello.", "Ask me about the liver."),
              *turn("what is MASLD?", "m-2", "MASLD is ...")]

    assert [reply["text"] for reply in stored_replies(events, "m-2", "what is MASLD?")] == ["MASLD is ..."]
    assert [reply["text"] for reply in stored_replies(events, "m-1", "hi")] == [
        WELCOME, "Hello.", "Ask me about the liver."], "the session's welcome belongs to its first message"


def test_a_later_sessions_welcome_belongs_to_the_message_that_opened_it():
    events = [*opening(), *turn("hi", "m-1", "Hello."), *opening(WELCOME_BACK),
              *turn("back again", "m-2", "Good to see you.")]

    assert [reply["text"] for reply in stored_replies(events, "m-2", "back again")] == [
        WELCOME_BACK, "Good to see you."]


def test_a_later_sessions_welcome_is_not_replayed_for_the_message_before_it():
    events = [*opening(), *turn("hi", "m-1", "Hello."), *opening(WELCOME_BACK),
              *turn("back again", "m-2", "Good to see you.")]

    assert [reply["text"] for reply in stored_replies(events, "m-1", "hi")] == [WELCOME, "Hello."]


def test_an_unknown_id_or_the_same_id_with_another_text_has_no_stored_replies():
    events = [*opening(), *turn("hi", "m-1", "Hello.")]

    assert stored_replies(events, "m-9", "hi") is None
    assert stored_replies(events, "m-1", "what is my result?") is None
    assert stored_replies([], "m-1", "hi") is None


def test_a_message_stored_without_replies_replays_as_none_sent():
    """The replica died after storing the message, before any reply: nothing to replay but
    nothing to hide either; the message is not handled a second time."""
    assert stored_replies([UserUttered("hi", message_id="m-1")], "m-1", "hi") == []


# The channel in-process.

def test_a_retried_message_is_answered_from_the_store_and_handled_once():
    agent = StandInAgent()
    with serving(IdempotentRestInput(), agent) as (url, bot):
        first = post(url, {"sender": "ann", "message": "hi"}, request_id="req-1")
        retry = post(url, {"sender": "ann", "message": "hi"}, request_id="req-1")

    assert first.status_code == retry.status_code == 200
    assert REPLAY_HEADER not in first.headers and retry.headers[REPLAY_HEADER] == "true"
    assert retry.json() == first.json() == [
        {"recipient_id": "ann", "text": WELCOME}, {"recipient_id": "ann", "text": "echo: hi"}]
    assert [message.message_id for message in agent.processor.handled] == ["req-1"]
    assert user_texts(agent.stored_events("ann")) == ["hi"], "stored once"
    assert bot.messages == [], "a message with an id goes through the lock, not Rasa's handler"


def test_a_message_another_replica_stored_before_it_died_is_not_handled_again():
    agent = StandInAgent()
    agent.store("ann", [*opening(), *turn("what is MASLD?", "req-7", "MASLD is ...", "Sources: ...")])
    with serving(IdempotentRestInput(), agent) as (url, _):
        retry = post(url, {"sender": "ann", "message": "what is MASLD?"}, request_id="req-7")

    assert retry.headers[REPLAY_HEADER] == "true"
    assert texts(retry) == [WELCOME, "MASLD is ...", "Sources: ..."]
    assert agent.processor.handled == []


def test_a_retry_waits_out_a_dead_replicas_hold_on_the_conversation():
    agent = StandInAgent()
    agent.store("ann", [*opening(), *turn("hi", "req-1", "Hello.")])
    hold_s = 0.6
    with serving(IdempotentRestInput(), agent) as (url, _):
        # The ticket of the replica that died mid-message; it is never released.
        agent.lock_store.issue_ticket("ann", hold_s)
        started = time.monotonic()
        retry = post(url, {"sender": "ann", "message": "hi"}, request_id="req-1")
        waited = time.monotonic() - started

    assert retry.status_code == 200 and retry.headers[REPLAY_HEADER] == "true"
    assert texts(retry) == [WELCOME, "Hello."]
    assert waited >= hold_s * 0.8, "the retry waited for the lock"
    assert agent.lock_store.get_lock("ann") is None, "and released it"


def test_a_retry_sent_while_the_first_attempt_is_answering_waits_and_replays_it():
    agent = StandInAgent(delay_s=0.5)
    body = {"sender": "ann", "message": "hi"}
    with serving(IdempotentRestInput(), agent) as (url, _):
        with ThreadPoolExecutor(2) as pool:
            responses = list(pool.map(lambda _: post(url, body, request_id="req-1"), range(2)))

    assert [response.status_code for response in responses] == [200, 200]
    assert sorted(response.headers.get(REPLAY_HEADER, "") for response in responses) == ["", "true"]
    assert responses[0].json() == responses[1].json() and texts(responses[0]) == [WELCOME, "echo: hi"]
    assert len(agent.processor.handled) == 1
    assert user_texts(agent.stored_events("ann")) == ["hi"]


def test_the_body_id_wins_over_the_header_and_either_recognises_the_retry():
    agent = StandInAgent()
    with serving(IdempotentRestInput(), agent) as (url, _):
        first = post(url, {"sender": "ann", "message": "hi", "message_id": " client-1 "}, request_id="nginx-1")
        # nginx's retry carries the client's body again; a retry may also name the id in the header only.
        by_body = post(url, {"sender": "ann", "message": "hi", "message_id": "client-1"}, request_id="nginx-2")
        by_header = post(url, {"sender": "ann", "message": "hi"}, request_id="client-1")

    assert [message.message_id for message in agent.processor.handled] == ["client-1"]
    assert REPLAY_HEADER not in first.headers
    assert by_body.headers[REPLAY_HEADER] == by_header.headers[REPLAY_HEADER] == "true"


def test_a_number_as_body_id_is_the_same_id_as_its_text():
    agent = StandInAgent()
    with serving(IdempotentRestInput(), agent) as (url, _):
        post(url, {"sender": "ann", "message": "hi", "message_id": 42})
        retry = post(url, {"sender": "ann", "message": "hi", "message_id": "42"})

    assert retry.headers[REPLAY_HEADER] == "true"
    assert [message.message_id for message in agent.processor.handled] == ["42"]


def test_a_new_id_another_text_or_another_conversation_is_a_new_message():
    agent = StandInAgent()
    with serving(IdempotentRestInput(), agent) as (url, _):
        post(url, {"sender": "ann", "message": "hi"}, request_id="req-1")
        new_id = post(url, {"sender": "ann", "message": "hi"}, request_id="req-2")
        other_text = post(url, {"sender": "ann", "message": "my results?"}, request_id="req-1")
        other_sender = post(url, {"sender": "bob", "message": "hi"}, request_id="req-1")

    for response in (new_id, other_text, other_sender):
        assert response.status_code == 200 and REPLAY_HEADER not in response.headers
    assert texts(other_text) == ["echo: my results?"], "never ann's earlier replies"
    assert texts(other_sender) == [WELCOME, "echo: hi"]
    assert user_texts(agent.stored_events("ann")) == ["hi", "hi", "my results?"]
    assert user_texts(agent.stored_events("bob")) == ["hi"]


@pytest.mark.parametrize("body_id, header_id", [
    (None, None),
    ("   ", None),
    ("x" * (MAX_MESSAGE_ID_CHARS + 1), None),
    (None, "y" * (MAX_MESSAGE_ID_CHARS + 1)),
])
def test_without_a_usable_id_the_message_goes_to_rasas_handler_each_time(body_id, header_id):
    agent = StandInAgent()
    body = {"sender": "ann", "message": "hi", **({"message_id": body_id} if body_id else {})}
    with serving(IdempotentRestInput(), agent) as (url, bot):
        responses = [post(url, body, request_id=header_id) for _ in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert all(REPLAY_HEADER not in response.headers for response in responses)
    assert [texts(response) for response in responses] == [["echo: hi"], ["echo: hi"]]
    assert [message.text for message in bot.messages] == ["hi", "hi"]
    ids = {message.message_id for message in bot.messages}
    assert len(ids) == 2 and not ids & {body_id, header_id}, "Rasa's own random ids"
    assert agent.processor.handled == []


def test_an_id_of_the_longest_length_allowed_is_used():
    agent = StandInAgent()
    longest = "z" * MAX_MESSAGE_ID_CHARS
    with serving(IdempotentRestInput(), agent) as (url, _):
        post(url, {"sender": "ann", "message": "hi"}, request_id=longest)
        retry = post(url, {"sender": "ann", "message": "hi"}, request_id=longest)

    assert retry.headers[REPLAY_HEADER] == "true"
    assert [message.message_id for message in agent.processor.handled] == [longest]


def test_before_the_model_is_loaded_the_message_goes_to_rasas_handler():
    agent = StandInAgent(ready=False)
    with serving(IdempotentRestInput(), agent) as (url, bot):
        response = post(url, {"sender": "ann", "message": "hi"}, request_id="req-1")

    assert response.status_code == 200 and REPLAY_HEADER not in response.headers
    assert [message.message_id for message in bot.messages] == ["req-1"], "the id is kept"
    assert agent.processor.handled == []


def test_the_checks_of_the_rest_channel_come_before_the_store_is_read():
    agent = StandInAgent()
    agent.store("telegram:7004", [*opening(), *turn("my liver results", "req-1", "Private reply.")])
    with serving(IdempotentRestInput(), agent) as (url, bot):
        response = post(url, {"sender": "telegram:7004", "message": "my liver results"}, request_id="req-1")

    assert response.status_code == 400 and "Private reply." not in response.text
    assert REPLAY_HEADER not in response.headers
    assert agent.processor.handled == [] and bot.messages == []
