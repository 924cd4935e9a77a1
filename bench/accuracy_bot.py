"""Our bot's topic accuracy on the held-out questions, from the running server's /model/parse.

Two top-1 figures, because the bot does two things with a question:
- `top1`: the classifier's best intent (nlu_fallback set aside), comparable to the
  retrievers, which always answer with their nearest topic;
- `answered_right`: the intent the bot acts on, where a low-confidence question becomes
  nlu_fallback and counts as a miss (the same figure as the held-out gate test).
`top3` is over the ranking without nlu_fallback: the three guesses the fallback offers.
"""

from __future__ import annotations

from typing import Dict, List

from bench.questions import heldout_questions
from bench.retrieval import score
from bench.servers import Server

FALLBACK = "nlu_fallback"


def measure(server: Server) -> Dict:
    by_topic = heldout_questions()
    ranked_predictions, acted_on = [], 0
    for topic, questions in sorted(by_topic.items()):
        for question in questions:
            parsed = server.parse(question)
            ranking: List[str] = [item["name"] for item in parsed.get("intent_ranking", [])]
            ranked_predictions.append((topic, [name for name in ranking if name != FALLBACK]))
            acted_on += parsed.get("intent", {}).get("name") == topic
    result = score(ranked_predictions)
    result["answered_right"] = acted_on / result["questions"]
    return result
