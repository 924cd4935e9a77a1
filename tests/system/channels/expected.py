"""What the assistant says, read from the files it answers from (content/, domain.yml)."""

from __future__ import annotations

import re
from typing import List

import yaml

from actions.topic_library import group_buttons  # noqa: F401 (the menu the tests expect)
from common.content import MORE_TOPICS_BUTTON, Topic, load_topics, tell_me_more_button
from tests.conftest import ROOT

NASH_QUESTION = "what is nash"  # a training question: the test is about the channel, not NLU
NASH = "what_is_nash"


def response_text(name: str) -> str:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"][name][0]["text"]


DISCLAIMER_LINE = response_text("utter_disclaimer_line")
FULL_DISCLAIMER = response_text("utter_full_disclaimer")


def topic(topic_id: str) -> Topic:
    return load_topics()[topic_id]


def next_buttons(topic_id: str) -> List[dict]:
    """What an answer offers next: Tell me more, the related topics, Other topics."""
    related = [{"title": topic(r).title, "payload": f"/{r}"} for r in topic(topic_id).related]
    return [tell_me_more_button(topic_id), *related, MORE_TOPICS_BUTTON]


def related_payloads(topic_id: str) -> List[str]:
    return [button["payload"] for button in next_buttons(topic_id)]


def related_titles(topic_id: str) -> List[str]:
    return [button["title"] for button in next_buttons(topic_id)]


def details_payload(topic_id: str) -> str:
    """The "Tell me more" payload: the details layer, where bold and lists are."""
    return tell_me_more_button(topic_id)["payload"]


def _opening(text: str, count: int) -> str:
    words = re.sub(r"\*\*|\[|\]\([^)]*\)", "", text).split()
    return " ".join(words[:count])


def opening_words(topic_id: str, count: int = 6) -> str:
    """The first words of a topic's answer, free of markup, to find it in any channel."""
    return _opening(topic(topic_id).answer, count)


def details_opening_words(topic_id: str, count: int = 6) -> str:
    return _opening(topic(topic_id).details, count)


def has_bold(topic_id: str) -> bool:
    return "**" in topic(topic_id).details
