"""'Forget me' deletes the conversation from the tracker store, on SQLite and PostgreSQL.

The store-level tests run on any model. The end-to-end tests (marked `server`) need a
model trained with the forget_me intent (data/nlu/privacy.yml, data/rules/privacy.yml).
"""

import json
import uuid

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered

from server.store.conversation_store import ConversationStore
from server.store.forget import CONFIRMATION, FORGET_ACTION
from tests.conftest import ROOT
from tests.system.persistence.stack import new_sender
from tests.system.privacy.conftest import count_events

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
CONFIRMATION_TEXT = DOMAIN["responses"][CONFIRMATION][0]["text"]
ASK_TEXT = DOMAIN["responses"]["utter_ask_forget_me"][0]["text"]
KEPT_TEXT = DOMAIN["responses"]["utter_kept_conversation"][0]["text"]
FULL_DISCLAIMER = "Consult a qualified healthcare provider"


@pytest.fixture
def store(new_database):
    settings = new_database()
    # endpoints.yml says `url` for the host, as Rasa's own stores do.
    fields = {("host" if key == "url" else key): value for key, value in settings.items()}
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), **fields)
    store.settings = settings
    yield store
    store.engine.dispose()


def turn(text, intent, action, reply=None, utter_action=None):
    events = [UserUttered(text, {"name": intent, "confidence": 1.0}), ActionExecuted(action)]
    if reply:
        events.append(BotUttered(reply, metadata={"utter_action": utter_action}))
    return events + [ActionExecuted("action_listen")]


async def conversation_with(store, sender, *turns):
    tracker = await store.get_or_create_tracker(sender)
    for events in turns:
        for event in events:
            tracker.update(event)
        await store.save(tracker)
    return tracker


async def test_a_confirmed_forget_me_deletes_every_event(store):
    sender, other = new_sender(), new_sender()
    await conversation_with(store, other, turn("what is masld", "what_is_fatty_liver", "action_answer_topic"))
    await conversation_with(
        store, sender,
        turn("i have a secret", "out_of_scope", "action_show_topic_menu"),
        turn("forget me", "forget_me", FORGET_ACTION, CONFIRMATION_TEXT, CONFIRMATION),
    )

    assert count_events(store.settings, sender) == 0
    assert await store.retrieve(sender) is None
    assert count_events(store.settings, other) > 0, "other conversations are kept"


async def test_the_next_message_starts_a_new_conversation(store):
    sender = new_sender()
    await conversation_with(
        store, sender,
        turn("i have a secret", "out_of_scope", "action_show_topic_menu"),
        turn("forget me", "forget_me", FORGET_ACTION, CONFIRMATION_TEXT, CONFIRMATION),
    )

    tracker = await conversation_with(store, sender, turn("hello", "greet", "utter_greet"))

    stored = await store.retrieve_full_tracker(sender)
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == ["hello"]
    assert "secret" not in json.dumps(tracker.current_state())


async def test_a_failed_forget_me_deletes_nothing(store):
    # The action server was down: the user got the apology, not the confirmation.
    sender = new_sender()
    await conversation_with(
        store, sender,
        turn("i have a secret", "out_of_scope", "action_show_topic_menu"),
        turn("forget me", "forget_me", FORGET_ACTION, "Sorry...", "utter_service_unavailable"),
    )
    assert count_events(store.settings, sender) > 0


async def test_restart_is_not_forget_me(store):
    sender = new_sender()
    await conversation_with(
        store, sender,
        turn("i have a secret", "out_of_scope", "action_show_topic_menu"),
        [UserUttered("restart", {"name": "restart"}), ActionExecuted("action_restart"), Restarted()],
    )
    assert count_events(store.settings, sender) > 0


@pytest.mark.server
@pytest.mark.parametrize(
    "request_text, confirmation",
    [("forget me", "yes"), ("please erase this conversation", "/confirm_forget_me"),
     ("delete my conversation", "yes please"), (None, "/confirm_forget_me")],
)
def test_forget_me_end_to_end(privacy_stack, request_text, confirmation):
    """A request asks first; "yes" or the button deletes. The widget's clear control sends
    "/confirm_forget_me" after its own confirm step (request_text None)."""
    sender = new_sender()
    marker = f"mk{uuid.uuid4().hex[:10]}"
    privacy_stack.say(sender, "/what_is_fatty_liver")
    privacy_stack.say(sender, f"my doctor said {marker}")
    assert count_events(privacy_stack.store, sender) > 0

    if request_text:
        asked = privacy_stack.say(sender, request_text)
        assert asked == [ASK_TEXT], asked
        assert count_events(privacy_stack.store, sender) > 0, "asking deletes nothing"
    replies = privacy_stack.say(sender, confirmation)

    assert replies == [CONFIRMATION_TEXT]
    assert count_events(privacy_stack.store, sender) == 0
    fresh = privacy_stack.say(sender, "/what_is_nash")
    assert FULL_DISCLAIMER in fresh[0], "a new session opens with the full disclaimer"
    events = privacy_stack.tracker(sender)["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["/what_is_nash"]
    assert marker not in json.dumps(events)


@pytest.mark.server
@pytest.mark.parametrize(
    "text", ["forget it", "just forget it, i'll ask my doctor", "never mind", "clear"]
)
def test_forget_it_never_deletes_the_conversation(privacy_stack, text):
    """People say "forget it" to mean never mind: nothing is deleted without a confirmation."""
    sender = new_sender()
    privacy_stack.say(sender, "/what_is_fatty_liver")
    before = count_events(privacy_stack.store, sender)

    replies = privacy_stack.say(sender, text)

    assert CONFIRMATION_TEXT not in replies, (text, replies)
    assert count_events(privacy_stack.store, sender) > before, "the conversation is still stored"


@pytest.mark.server
def test_saying_no_to_the_question_keeps_the_conversation(privacy_stack):
    sender = new_sender()
    privacy_stack.say(sender, "/what_is_fatty_liver")
    assert privacy_stack.say(sender, "forget me") == [ASK_TEXT]
    assert privacy_stack.say(sender, "no") == [KEPT_TEXT]
    assert privacy_stack.say(sender, "yes") != [CONFIRMATION_TEXT], "a later yes is not a confirmation"
    assert count_events(privacy_stack.store, sender) > 0
