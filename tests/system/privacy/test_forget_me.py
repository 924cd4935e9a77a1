"""'Forget me' end to end, through the shared system stack on its SQLite file: asked,
confirmed, every event deleted; "forget it" and "no" delete nothing.
tests/integration/test_forget_me.py runs the same on PostgreSQL behind nginx.
"""

import json
import uuid

import pytest
import yaml

from common.names import FORGET_CONFIRMATION as CONFIRMATION
from tests.conftest import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
CONFIRMATION_TEXT = DOMAIN["responses"][CONFIRMATION][0]["text"]
ASK_TEXT = DOMAIN["responses"]["utter_ask_forget_me"][0]["text"]
KEPT_TEXT = DOMAIN["responses"]["utter_kept_conversation"][0]["text"]
FULL_DISCLAIMER = "Consult a qualified healthcare provider"


def new_sender() -> str:
    return f"privacy-{uuid.uuid4().hex[:12]}"


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
    privacy_stack.say_texts(sender, "/what_is_fatty_liver")
    privacy_stack.say_texts(sender, f"my doctor said {marker}")
    assert privacy_stack.count_events(sender) > 0

    if request_text:
        asked = privacy_stack.say_texts(sender, request_text)
        assert asked == [ASK_TEXT], asked
        assert privacy_stack.count_events(sender) > 0, "asking deletes nothing"
    replies = privacy_stack.say_texts(sender, confirmation)

    assert replies == [CONFIRMATION_TEXT]
    assert privacy_stack.count_events(sender) == 0
    fresh = privacy_stack.say_texts(sender, "/what_is_nash")
    assert FULL_DISCLAIMER in fresh[0], "a new session opens with the full disclaimer"
    events = privacy_stack.tracker(sender)["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["/what_is_nash"]
    assert marker not in json.dumps(events)


@pytest.mark.parametrize(
    "text", ["forget it", "just forget it, i'll ask my doctor", "never mind", "clear"]
)
def test_forget_it_never_deletes_the_conversation(privacy_stack, text):
    """People say "forget it" to mean never mind: nothing is deleted without a confirmation."""
    sender = new_sender()
    privacy_stack.say_texts(sender, "/what_is_fatty_liver")
    before = privacy_stack.count_events(sender)

    replies = privacy_stack.say_texts(sender, text)

    assert CONFIRMATION_TEXT not in replies, (text, replies)
    assert privacy_stack.count_events(sender) > before, "the conversation is still stored"


def test_saying_no_to_the_question_keeps_the_conversation(privacy_stack):
    sender = new_sender()
    privacy_stack.say_texts(sender, "/what_is_fatty_liver")
    assert privacy_stack.say_texts(sender, "forget me") == [ASK_TEXT]
    assert privacy_stack.say_texts(sender, "no") == [KEPT_TEXT]
    assert privacy_stack.say_texts(sender, "yes") != [CONFIRMATION_TEXT], "a later yes is not a confirmation"
    assert privacy_stack.count_events(sender) > 0
