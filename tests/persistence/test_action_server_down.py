"""With the action server down: a short apology, the Rasa server stays up, answers resume."""

import uuid

import pytest
import yaml

from tests.conftest import ROOT
from tests.persistence.stack import new_sender

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
APOLOGY = DOMAIN["responses"]["utter_service_unavailable"][0]["text"]
GREETING = DOMAIN["responses"]["utter_greet"][0]["text"]
FULL_DISCLAIMER = "Consult a qualified healthcare provider"


@pytest.fixture
def action_server_down(sqlite_stack):
    sqlite_stack.stop_actions()
    try:
        yield sqlite_stack
    finally:
        sqlite_stack.start_actions()


def test_an_answer_is_not_apologised_for(sqlite_stack):
    replies = sqlite_stack.say(new_sender(), "/what_is_fatty_liver")
    assert any("steatosis" in reply for reply in replies)
    assert APOLOGY not in replies


def test_apology_while_down_then_answers_resume(sqlite_stack):
    sender = new_sender()
    marker = f"mk{uuid.uuid4().hex[:10]}"
    opening = sqlite_stack.say(sender, "hello")
    assert FULL_DISCLAIMER in opening[0] and opening[-1] == GREETING
    sqlite_stack.stop_actions()
    try:
        assert sqlite_stack.say(sender, "/what_is_fatty_liver") == [APOLOGY]
        assert sqlite_stack.say(sender, f"what is fatty liver disease {marker}") == [APOLOGY]
        # What needs no action server still works, and the server is still up.
        assert sqlite_stack.say(sender, "hello") == [GREETING]
        assert sqlite_stack.is_up()
        assert "Custom action 'action_answer_topic' failed" in sqlite_stack.rasa_log.read_text()
    finally:
        sqlite_stack.start_actions()

    replies = sqlite_stack.say(sender, "/what_is_fatty_liver")
    assert any("steatosis" in reply for reply in replies), replies
    assert APOLOGY not in replies
    assert marker not in sqlite_stack.logs()


def test_a_new_conversation_still_opens_with_the_disclaimer(action_server_down):
    replies = action_server_down.say(new_sender(), "/what_is_nash")
    assert FULL_DISCLAIMER in replies[0]
    assert replies[1:] == [APOLOGY]
