"""The topic whose training questions share the most telling words with a message.

The classifier is sure a dose question is personal (confidence ~1.0) and ranks the topics
near zero, so its ranking cannot say which general facts fit. The words can: "metformin"
appears in the medications questions, "alt" in the tests and tracking ones. Rare words
weigh more (inverse document frequency over topics).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Dict, Optional, Set

from actions.topic_library import all_topics

# Words too common in this subject (or in English) to point at one topic.
STOP_WORDS = set(
    """a an and are as at be but by can could do does did for from had has have how i if in
    is it its me my of on or should so that the their them there this to was what when which
    who why will with would you your am get got just like much many any about after before
    than then too very bad good ok okay back came come best help need want know tell mean
    means people someone without week weeks day days each last asking worried wrong
    """.split()
)
SUFFIXES = ("ing", "ed", "es", "s")
# Below this, no topic's words stand out: offer none rather than a guess. Disease names
# (nash, masld) now appear in most topics, so they weigh little: 0.5 keeps "do i have nash".
MIN_SCORE = 0.5


def stem(word: str) -> str:
    """Crude, but enough for "scarred"/"scarring"/"scars" to meet."""
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> Set[str]:
    found = re.findall(r"[a-z0-9]+", text.lower())
    return {stem(word) for word in found if word not in STOP_WORDS and len(word) > 1}


@lru_cache(maxsize=1)
def _topic_words() -> Dict[str, Counter]:
    return {
        # The answer counts once, each training question once: drug names, test names.
        topic_id: Counter(
            word
            for text in [topic.title, topic.answer, topic.details, *topic.questions]
            for word in words(text)
        )
        for topic_id, topic in all_topics().items()
    }


@lru_cache(maxsize=1)
def _idf() -> Dict[str, float]:
    topic_words = _topic_words()
    document_frequency = Counter(word for counts in topic_words.values() for word in counts)
    return {word: math.log(len(topic_words) / df) for word, df in document_frequency.items()}


def closest_topic_by_words(text: str) -> Optional[str]:
    idf = _idf()
    scores = {
        topic_id: sum(idf[word] * math.log1p(counts[word]) for word in words(text) if word in counts)
        for topic_id, counts in _topic_words().items()
    }
    topic_id, score = max(scores.items(), key=lambda item: (item[1], item[0]))
    return topic_id if score >= MIN_SCORE else None
