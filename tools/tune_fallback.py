"""Print what users would meet on the held-out set for each pair of fallback thresholds.

Usage: .venv/bin/python tools/tune_fallback.py [models/<model>.tar.gz]
Parses every held-out question (tests/nlu_heldout/) and every FAQ-style question
(tests/nlu_faq/) with the trained model, then prints,
per (threshold, ambiguity_threshold), how many are answered right or wrong and how many
get the "did you mean" buttons with or without the right topic. The rule that picks the
pair is in tools/fallback_thresholds.py; copy the pair into config.yml and README.md.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from common.content import load_topics  # noqa: E402
from tools.fallback_thresholds import Parsed, best_pair, configured_pair, cost, grid, outcome  # noqa: E402
from tests.conftest import faq_questions, heldout_examples  # noqa: E402


async def parse_all(model_path: Path) -> List[Parsed]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))
    asked = [(question, intent, ()) for intent, questions in heldout_examples().items()
             for question in questions]
    asked += [(item["q"], item["topics"][0], tuple(item["topics"][1:])) for item in faq_questions()]
    parsed = []
    for question, intent, also_right in asked:
        result = await agent.parse_message(question)
        ranking = [(item["name"], item["confidence"]) for item in result["intent_ranking"]]
        # Undo FallbackClassifier's own verdict: the grid applies each pair itself.
        ranking = [item for item in ranking if item[0] != "nlu_fallback"]
        parsed.append(Parsed(intent, ranking, question, also_right))
    return parsed


def main() -> None:
    logging.disable(logging.WARNING)
    import structlog  # Rasa's parse log carries the message text at debug level

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    model_path = Path(sys.argv[1]) if len(sys.argv) > 1 else models[-1]
    parsed = asyncio.run(parse_all(model_path))
    results = grid(parsed, load_topics())
    print(f"{len(parsed)} held-out and FAQ-style questions, model {model_path.name}")
    print("threshold ambiguity  right wrong offered missed  cost")
    for (threshold, ambiguity), counts in sorted(results.items()):
        print(
            f"{threshold:9.2f} {ambiguity:9.2f}  {counts['right']:5d} {counts['wrong']:5d}"
            f" {counts['offered']:7d} {counts['missed']:6d}  {cost(counts):5.1f}"
        )
    best = best_pair(results)
    current = configured_pair(ROOT / "config.yml")
    print(f"best pair: threshold {best[0]}, ambiguity {best[1]}: {dict(results[best])}")
    if current in results:
        print(f"config.yml: threshold {current[0]}, ambiguity {current[1]}: {dict(results[current])}")
        print("answered with the wrong intent at the config.yml pair:")
        for item in parsed:
            if outcome(item, *current, load_topics()) == "wrong":
                top_name, top_confidence = item.ranking[0]
                print(f"  {item.expected} -> {top_name} {top_confidence:.2f}: {item.text}")


if __name__ == "__main__":
    main()
