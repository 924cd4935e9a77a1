"""Scoring shared by every retriever: top-k topic accuracy, per topic, confused pairs.

A prediction is a question's right topic (or the list of every topic that answers it, the
best first) with a system's ranked topic ids (best first). Standard library only, so both
environments import it.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, List, Sequence, Tuple, Union

Prediction = Tuple[Union[str, List[str]], List[str]]  # (right topic or topics, ranked topic ids)


def rank_topics_by_best_match(similarities: Sequence[float], labels: Sequence[str]) -> List[str]:
    """Nearest neighbour over questions, as topics: each topic scores its closest question."""
    best: Dict[str, float] = {}
    for score, label in zip(similarities, labels):
        if score > best.get(label, float("-inf")):
            best[label] = score
    # Ties broken by topic id, so the order is deterministic.
    return [label for label, _ in sorted(best.items(), key=lambda item: (-item[1], item[0]))]


def score(predictions: List[Prediction]) -> Dict:
    """Top-1 and top-3 accuracy; per topic and confused pairs by each question's best topic."""
    total = len(predictions)
    accepted = [([right] if isinstance(right, str) else list(right), ranked) for right, ranked in predictions]
    top1 = sum(1 for rights, ranked in accepted if ranked[:1] and ranked[0] in rights)
    top3 = sum(1 for rights, ranked in accepted if set(rights) & set(ranked[:3]))
    per_topic: Dict[str, List[int]] = {}
    confused: Counter = Counter()
    for rights, ranked in accepted:
        truth = rights[0]
        hits = per_topic.setdefault(truth, [0, 0])
        hits[1] += 1
        if ranked[:1] and ranked[0] in rights:
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
