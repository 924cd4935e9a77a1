"""Scoring shared by every retriever: top-k topic accuracy, per topic, confused pairs.

A prediction is a ranked list of topic ids (best first) for one held-out question.
Standard library only, so both environments import it.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, List, Sequence, Tuple

Prediction = Tuple[str, List[str]]  # (true topic, ranked topic ids)


def rank_topics_by_best_match(similarities: Sequence[float], labels: Sequence[str]) -> List[str]:
    """Nearest neighbour over questions, as topics: each topic scores its closest question."""
    best: Dict[str, float] = {}
    for score, label in zip(similarities, labels):
        if score > best.get(label, float("-inf")):
            best[label] = score
    # Ties broken by topic id, so the order is deterministic.
    return [label for label, _ in sorted(best.items(), key=lambda item: (-item[1], item[0]))]


def score(predictions: List[Prediction]) -> Dict:
    total = len(predictions)
    top1 = sum(1 for truth, ranked in predictions if ranked[:1] == [truth])
    top3 = sum(1 for truth, ranked in predictions if truth in ranked[:3])
    per_topic: Dict[str, List[int]] = {}
    confused: Counter = Counter()
    for truth, ranked in predictions:
        hits = per_topic.setdefault(truth, [0, 0])
        hits[1] += 1
        if ranked[:1] == [truth]:
            hits[0] += 1
        else:
            confused[(truth, ranked[0] if ranked else "(nothing)")] += 1
    return {
        "questions": total,
        "top1": top1 / total,
        "top3": top3 / total,
        "per_topic": {topic: hits[0] / hits[1] for topic, hits in sorted(per_topic.items())},
        "confused": [
            {"topic": truth, "predicted": predicted, "count": count}
            for (truth, predicted), count in sorted(confused.items(), key=lambda item: (-item[1], item[0]))
        ],
    }
