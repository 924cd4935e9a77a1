"""What the assistant answers to the smoke tests' question, read from content/."""

from __future__ import annotations

import re

from common.content import load_topics

NASH_QUESTION = "what is nash"  # a training question: the test is about the channel, not NLU
NASH = "what_is_nash"


def opening_words(topic_id: str, count: int = 6) -> str:
    """The first words of a topic's answer, free of markup, to find it in any channel."""
    text = re.sub(r"\*\*|\[|\]\([^)]*\)", "", load_topics()[topic_id].answer)
    return " ".join(text.split()[:count])

