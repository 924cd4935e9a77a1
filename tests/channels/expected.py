"""What the assistant says, read from the files it answers from (content/, domain.yml)."""

from __future__ import annotations

import re
from typing import List

import yaml

from actions.topic_library import group_buttons  # noqa: F401 (the menu the tests expect)
from addons.content import Topic, load_topics
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


def related_payloads(topic_id: str) -> List[str]:
    return [f"/{related}" for related in topic(topic_id).related]


def related_titles(topic_id: str) -> List[str]:
    return [topic(related).title for related in topic(topic_id).related]


def opening_words(topic_id: str, count: int = 6) -> str:
    """The first words of a topic's answer, free of markup, to find it in any channel."""
    words = re.sub(r"\*\*|\[|\]\([^)]*\)", "", topic(topic_id).answer).split()
    return " ".join(words[:count])


def has_bold(topic_id: str) -> bool:
    return "**" in topic(topic_id).answer
