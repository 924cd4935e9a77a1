"""'Forget me' deletes the conversation from the tracker store, on SQLite and PostgreSQL
(the store itself, no model: tests/system/privacy and tests/integration run it end to end).
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
from tests.integration.conftest import count_events, new_sender

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
