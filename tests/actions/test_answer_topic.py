"""action_answer_topic on real trackers, for every topic file."""

import pytest
from rasa_sdk.events import SlotSet

from actions.answer_topic import RELATED_PROMPT, ActionAnswerTopic
from actions.topic_library import all_topics
from tests.actions.conftest import tracker_after

TOPIC_IDS = sorted(all_topics())


async def run_for(intent, dispatcher, domain):
    return await ActionAnswerTopic().run(dispatcher, tracker_after(intent, "a question"), domain)


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
async def test_answers_the_topic_then_strategies_then_disclaimer(topic_id, dispatcher, domain):
    topic = all_topics()[topic_id]

    events = await run_for(topic_id, dispatcher, domain)

    messages = dispatcher.messages
    assert messages[0]["text"].startswith(topic.answer)
    assert topic.sources_line in messages[0]["text"]
    assert messages[-1]["response"] == "utter_disclaimer_line"
    if topic.related:
        assert messages[1]["text"] == RELATED_PROMPT
        assert [button["payload"] for button in messages[1]["buttons"]] == [
            f"/{related}" for related in topic.related
        ]
        assert all(button["title"] for button in messages[1]["buttons"])
    else:
        assert len(messages) == 2
    assert events == [SlotSet("topic", topic_id)]


def test_suggests_at_most_two_strategies(dispatcher):
    assert all(len(topic.related) <= 2 for topic in all_topics().values())


async def test_a_non_topic_intent_gets_the_menu_and_no_topic(dispatcher, domain):
    events = await run_for("greet", dispatcher, domain)

    assert events == []
    assert dispatcher.messages[0]["response"] == "utter_default"
    assert dispatcher.messages[0]["buttons"]


def test_disclaimer_line_says_it_is_not_medical_advice(domain):
    text = domain["responses"]["utter_disclaimer_line"][0]["text"]
    assert "does not replace professional medical advice" in text
