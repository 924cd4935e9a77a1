"""What a user meets for a given pair of FallbackClassifier thresholds.

For each held-out question we know the right intent (or, for the FAQ-style set, every
topic that answers it) and the model's ranking. A pair
(threshold, ambiguity_threshold) turns every question into one of four outcomes:

- right:   answered directly with the right topic;
- wrong:   answered directly with another topic (the harm we want to avoid);
- offered: not answered, but the right topic is among the three buttons offered, or the
           message was no topic at all (other subjects, personal questions): asking is then
           a fine way forward and says nothing wrong;
- missed:  not answered, and the right topic is not among the buttons.

The pair we keep minimises `wrong + COST_OF_ASKING * (offered + missed)`: a confident
wrong answer costs the user about twice as much as one extra click.
`tools/tune_fallback.py` prints the grid; tests/model/test_fallback_thresholds.py checks
that the pair in config.yml still gives the figures documented in README.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

import yaml

COST_OF_ASKING = 0.5
OFFERED_TOPICS = 3  # as many as actions/fallback.py offers

THRESHOLDS = [round(0.20 + 0.05 * step, 2) for step in range(11)]  # 0.20 .. 0.70
AMBIGUITIES = [0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2]

Ranking = Sequence[Tuple[str, float]]


@dataclass(frozen=True)
class Parsed:
    expected: str
    ranking: Ranking  # (intent, confidence), best first, as /model/parse returns it
    text: str = ""
    also_right: Tuple[str, ...] = ()  # other topics that answer it as well

    @property
    def right_answers(self) -> set:
        return {self.expected, *self.also_right}


def outcome(parsed: Parsed, threshold: float, ambiguity: float, topics: Iterable[str]) -> str:
    ranking = list(parsed.ranking)
    top_name, top_confidence = ranking[0]
    runner_up = ranking[1][1] if len(ranking) > 1 else 0.0
    falls_back = top_confidence < threshold or top_confidence - runner_up < ambiguity
    if not falls_back:
        return "right" if top_name in parsed.right_answers else "wrong"
    topic_set = set(topics)
    if parsed.expected not in topic_set:
        return "offered"
    offered = [name for name, _ in ranking if name in topic_set][:OFFERED_TOPICS]
    return "offered" if parsed.right_answers & set(offered) else "missed"


def tally(parsed: List[Parsed], threshold: float, ambiguity: float, topics: Iterable[str]) -> Counter:
    topics = list(topics)
    return Counter(outcome(item, threshold, ambiguity, topics) for item in parsed)


def cost(counts: Counter) -> float:
    return counts["wrong"] + COST_OF_ASKING * (counts["offered"] + counts["missed"])


def grid(parsed: List[Parsed], topics: Iterable[str]) -> Dict[Tuple[float, float], Counter]:
    topics = list(topics)
    return {
        (threshold, ambiguity): tally(parsed, threshold, ambiguity, topics)
        for threshold in THRESHOLDS
        for ambiguity in AMBIGUITIES
    }


def best_pair(results: Dict[Tuple[float, float], Counter]) -> Tuple[float, float]:
    # Ties go to the lower thresholds: fewer questions bounced back to the user.
    return min(results, key=lambda pair: (cost(results[pair]), pair))


def configured_pair(config_path: Path) -> Tuple[float, float]:
    pipeline = yaml.safe_load(config_path.read_text())["pipeline"]
    fallback = next(item for item in pipeline if item["name"] == "FallbackClassifier")
    return float(fallback["threshold"]), float(fallback["ambiguity_threshold"])
