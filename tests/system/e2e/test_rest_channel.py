"""Over the REST channel, against the real Rasa and action servers."""

import pytest
import requests

from actions.topic_library import all_topics
from common.content import GROUPS
from tests.conftest import heldout_examples
from tests.replies import DISCLAIMER, FULL_DISCLAIMER, answered, texts

TOPIC_IDS = sorted(all_topics())


def understood_heldout_question(assistant, topic_id):
    """The first held-out question the model places in the topic.

    How often NLU is right is measured by tests/model/test_heldout.py; this test checks that
    a question the model understands travels through both servers and comes back answered.
    """
    for question in heldout_examples()[topic_id]:
        if assistant.parse(question)["intent"]["name"] == topic_id:
            return question
    pytest.fail(f"the model places none of the held-out questions of {topic_id} in it")


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_a_heldout_question_gets_its_topic_answer(assistant, sender, topic_id):
    question = understood_heldout_question(assistant, topic_id)
    topic = all_topics()[topic_id]

    replies = assistant.say(sender, question)

    said = texts(replies)
    assert FULL_DISCLAIMER in said[0], "a new session opens with the full disclaimer"
    assert answered(topic, said), (question, said)
    assert DISCLAIMER in said[-1]
    assert assistant.tracker(sender)["slots"]["topic"] == topic_id


def test_a_strategy_button_payload_answers_that_strategy(assistant, sender):
    replies = assistant.say(sender, "how does insulin resistance lead to a fatty liver")
    buttons = [button for reply in replies for button in reply.get("buttons", [])]
    related = [b for b in buttons if b["payload"].lstrip("/") in all_topics()]
    assert related, replies

    follow_up = assistant.say(sender, related[0]["payload"])

    chosen = related[0]["payload"].lstrip("/")
    assert answered(all_topics()[chosen], texts(follow_up))
    assert assistant.tracker(sender)["slots"]["topic"] == chosen


def test_help_menu_then_a_group_then_a_topic(assistant, sender):
    menu = assistant.say(sender, "what can you do?")
    groups = [button for reply in menu for button in reply.get("buttons", [])]
    assert len(groups) == len(GROUPS)

    topics = assistant.say(sender, groups[0]["payload"])
    assert topics[0]["buttons"]

    answer = assistant.say(sender, topics[0]["buttons"][0]["payload"])
    assert DISCLAIMER in answer[-1]["text"]


@pytest.mark.parametrize(
    "message, reply_part",
    [
        ("hello", "insulin resistance"),
        ("are you a real doctor?", "not a doctor"),
        ("thanks!", "welcome"),
        ("bye", "Goodbye"),
        ("what's the weather like in paris", "I can only help"),
    ],
)
def test_conversation_basics(assistant, sender, message, reply_part):
    assert any(reply_part in text for text in texts(assistant.say(sender, message)))


def test_the_http_api_needs_the_token(assistant, sender):
    assistant.say(sender, "hi")
    url = f"{assistant.rasa_url}/conversations/{sender}/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=10).status_code == 401


def test_out_of_scope_gets_a_kind_reply_with_the_menu_and_sets_no_topic(assistant, sender):
    # The payload skips NLU: how well NLU spots other subjects is gated on the held-out set.
    replies = assistant.say(sender, "/out_of_scope")

    assert any("I can only help" in text for text in texts(replies)), replies
    assert len([button for reply in replies for button in reply.get("buttons", [])]) == len(GROUPS)
    assert assistant.tracker(sender)["slots"]["topic"] is None
