""""Was this helpful?" over REST on the running stack: asked after topic answers only, a
vote is stored in the conversation with the topic it is about, and it never blocks or
changes the conversation."""

from typing import Any, Dict, List, Optional

import yaml

from actions.topic_library import all_topics
from tests.conftest import ROOT
from tests.replies import DISCLAIMER, answered, texts

RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
PROMPT = RESPONSES["utter_ask_helpful"][0]["text"]
THANKS = RESPONSES["utter_thanks_for_vote"][0]["text"]
SORRY = RESPONSES["utter_sorry_not_helpful"][0]["text"]
VOTES = ["/helpful", "/not_helpful"]


def vote_buttons(replies: List[Dict[str, Any]]) -> List[str]:
    return [b["payload"] for reply in replies for b in reply.get("buttons", []) if b["payload"] in VOTES]


def topic_of_vote(events: List[Dict[str, Any]], text: str) -> Optional[str]:
    """The intent of the user message `text` and the `topic` slot when it came."""
    topic = None
    for event in events:
        if event["event"] == "slot" and event["name"] == "topic":
            topic = event["value"]
        if event["event"] == "user" and event["text"] == text:
            return event["parse_data"]["intent"]["name"], topic
    return None


def test_a_topic_answer_asks_right_after_the_answer_and_still_ends_with_the_reminder(assistant, sender):
    replies = assistant.say(sender, "/coffee")
    said = texts(replies)
    assert answered(all_topics()["coffee"], said)
    # The answer, the question with its two votes, then the way on and the reminder.
    asked = said.index(PROMPT)
    assert said[asked - 1] == all_topics()["coffee"].sources_line
    assert replies[asked]["buttons"] == [
        {"title": "👍 Yes", "payload": "/helpful"},
        {"title": "👎 No", "payload": "/not_helpful"},
    ]
    assert said[asked + 1] == "Want to know more?"
    assert DISCLAIMER in said[-1]


def test_a_vote_is_stored_with_its_topic_and_thanked(assistant, sender):
    assistant.say(sender, "/coffee")
    assert texts(assistant.say(sender, "/helpful")) == [THANKS]
    assistant.say(sender, "/sleep")
    replies = assistant.say(sender, "/not_helpful")
    assert texts(replies) == [SORRY]
    # The way on: the same topic's details, or the menu.
    assert [b["payload"] for b in replies[0]["buttons"]] == ["/tell_me_more", "/help"]

    events = assistant.tracker(sender)["events"]
    assert topic_of_vote(events, "/helpful") == ("helpful", "coffee")
    assert topic_of_vote(events, "/not_helpful") == ("not_helpful", "sleep")
    # A vote sets no slot: the conversation stays on its topic.
    assert assistant.tracker(sender)["slots"]["topic"] == "sleep"
    details = texts(assistant.say(sender, "/tell_me_more"))
    assert details[0].startswith(all_topics()["sleep"].details.split("\n\n")[0].strip())


def test_the_question_can_be_ignored(assistant, sender):
    assistant.say(sender, "/diet")
    said = texts(assistant.say(sender, "is alcohol bad for a fatty liver"))
    assert answered(all_topics()["alcohol"], said) and THANKS not in said and SORRY not in said
    intents = [e["parse_data"]["intent"]["name"] for e in assistant.tracker(sender)["events"]
               if e["event"] == "user"]
    assert not set(VOTES) & {f"/{intent}" for intent in intents}


def test_no_vote_is_asked_after_urgent_replies_refusals_menus_or_fallbacks(assistant, sender):
    for message in ["hello", "i am vomiting blood", "how much metformin should i take",
                    "help", "/menu_basics", "/out_of_scope", "asdf qwerty zxcv", "thanks"]:
        replies = assistant.say(sender, message)
        assert replies and vote_buttons(replies) == [], (message, replies)
        assert PROMPT not in texts(replies), message
