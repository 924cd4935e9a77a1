"""Answers in two layers: a short answer with its linked sources, then the details on
"tell me more" (typed or the button), on the topic the conversation is on."""

import pytest

from actions.topic_library import all_topics
from common.content import tell_me_more_button
from tests.replies import DISCLAIMER, texts

FOLLOW_UPS = ["tell me more", "go on", "why?", "explain more"]


def details_of(topic_id, said):
    first_paragraph = all_topics()[topic_id].details.split("\n\n")[0].strip()
    return any(text.startswith(first_paragraph) for text in said)


def test_the_short_answer_shows_its_sources_as_links_and_offers_more(assistant, sender):
    replies = assistant.say(sender, "/coffee")
    said = texts(replies)
    topic = all_topics()["coffee"]
    assert topic.answer.strip() in said
    sources = next(text for text in said if text.startswith("Sources: "))
    assert all(f"({s.url}" in sources for s in topic.sources if s.url and "(" not in s.url)
    buttons = [b for reply in replies for b in reply.get("buttons", [])]
    # "Was this helpful?" first (tests/system/e2e/test_feedback.py), then the way on.
    assert [b["payload"] for b in buttons[:2]] == ["/helpful", "/not_helpful"]
    assert buttons[2] == tell_me_more_button("coffee")
    assert {"title": "Other topics", "payload": "/help"} in buttons
    assert DISCLAIMER in said[-1]


@pytest.mark.parametrize("follow_up", FOLLOW_UPS)
def test_a_typed_follow_up_gives_the_details_of_the_current_topic(assistant, sender, follow_up):
    assistant.say(sender, "/sleep")
    said = texts(assistant.say(sender, follow_up))
    assert details_of("sleep", said), (follow_up, said)
    assert DISCLAIMER in said[-1]
    assert assistant.tracker(sender)["slots"]["topic"] == "sleep"


def test_an_older_answers_button_gives_that_answers_details(assistant, sender):
    assistant.say(sender, "/diet")
    assistant.say(sender, "/alcohol")
    said = texts(assistant.say(sender, tell_me_more_button("diet")["payload"]))
    assert details_of("diet", said), said
    assert assistant.tracker(sender)["slots"]["topic"] == "diet"


def test_tell_me_more_before_any_topic_offers_the_menu(assistant, sender):
    replies = assistant.say(sender, "/tell_me_more")
    assert any(
        b["payload"].startswith("/menu_") for reply in replies for b in reply.get("buttons", [])
    )
    assert assistant.tracker(sender)["slots"]["topic"] is None
