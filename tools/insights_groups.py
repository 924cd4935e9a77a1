"""Groups the questions the assistant could not place by how alike their words are.

Editors need "what do people keep asking that we do not cover", not a list of thousands of
lines: each question is masked (tools/insights_masking.py), identical wordings are counted
once, and the rest are grouped by TF-IDF of character n-grams (robust to typos and word
endings: "banana", "bananas") with average-linkage agglomerative clustering on the cosine
distance, cut at DISTANCE. On questions like the ones users send, 0.75 keeps "can I eat
bananas" with "is banana bad for the liver" and apart from "what about turmeric".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

from tools.insights_counts import Unplaced
from tools.insights_masking import mask

DISTANCE = 0.75
# Clustering holds a square matrix of distances between the distinct wordings (3,000 take
# 72 MB): the most frequent ones are grouped, the rest only counted.
MAX_WORDINGS = 3000
EXAMPLES = 5
PLACEHOLDER = re.compile(r"\[(?:email|link|phone|number)\]")
# Keeps the brackets of a placeholder at either end ("call me at [phone]").
PUNCTUATION_AT_ENDS = re.compile(r"^[^\w\[]+|[^\w\]]+$")
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Group:
    messages: int
    # The most frequent wordings, masked, with how often each was sent; the first names the group.
    examples: Tuple[Tuple[str, int], ...]
    kinds: Tuple[Tuple[str, int], ...]
    nearest_topic: Optional[str]

    @property
    def label(self) -> str:
        return self.examples[0][0]


@dataclass(frozen=True)
class Grouping:
    groups: Tuple[Group, ...]
    # Messages not in a group: nothing but numbers, addresses and punctuation, or a wording
    # too rare to group (past MAX_WORDINGS).
    ungrouped: int


def wording(text: str) -> str:
    """The masked text as the report shows it: lower case, no punctuation at either end."""
    return PUNCTUATION_AT_ENDS.sub("", mask(text).lower())


def subject(text: str) -> str:
    """The words to compare: placeholders say nothing about what was asked."""
    return PLACEHOLDER.sub(" ", text)


def cluster_labels(wordings: Sequence[str]) -> List[int]:
    if len(wordings) < 2:
        return [0] * len(wordings)
    stripped = [subject(text) for text in wordings]
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(stripped)
    # From the sparse vectors: a dense copy would hold every n-gram for every wording.
    distances = cosine_distances(vectors)
    clustering = AgglomerativeClustering(
        n_clusters=None, distance_threshold=DISTANCE, affinity="precomputed", linkage="average"
    )
    return clustering.fit_predict(distances).tolist()


def most_common(counter: Counter) -> Tuple[Tuple[str, int], ...]:
    """By count, then alphabetically, so that a report is the same on every run."""
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def group(questions: Sequence[Unplaced]) -> Grouping:
    by_wording: Dict[str, List[Unplaced]] = {}
    ungrouped = 0
    for question in questions:
        text = wording(question.text)
        if LETTER.search(subject(text)):
            by_wording.setdefault(text, []).append(question)
        else:
            ungrouped += 1
    ranked = [text for text, _ in most_common(Counter({t: len(q) for t, q in by_wording.items()}))]
    kept, rest = ranked[:MAX_WORDINGS], ranked[MAX_WORDINGS:]
    members: Dict[int, List[str]] = {}
    for text, label in zip(kept, cluster_labels(kept)):
        members.setdefault(label, []).append(text)
    groups = [summarise({text: by_wording[text] for text in texts}) for texts in members.values()]
    groups.sort(key=lambda found: (-found.messages, found.label))
    return Grouping(tuple(groups), ungrouped + sum(len(by_wording[text]) for text in rest))


def summarise(wordings: Dict[str, List[Unplaced]]) -> Group:
    sent = Counter({text: len(questions) for text, questions in wordings.items()})
    everything = [question for questions in wordings.values() for question in questions]
    nearest = most_common(Counter(q.nearest_topic for q in everything if q.nearest_topic))
    return Group(
        messages=len(everything),
        examples=most_common(sent)[:EXAMPLES],
        kinds=most_common(Counter(q.kind for q in everything)),
        nearest_topic=nearest[0][0] if nearest else None,
    )
