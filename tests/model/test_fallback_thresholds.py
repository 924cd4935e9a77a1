"""The fallback thresholds in config.yml, checked on the held-out and FAQ-style sets with the
live model.

tools/fallback_thresholds.py explains the outcomes and the rule that picked the pair;
tools/tune_fallback.py prints the whole grid when the model or data change.
"""

from common.content import load_topics
from tools.fallback_thresholds import Parsed, best_pair, configured_pair, cost, grid
from tests.conftest import FIGURES, ROOT, faq_questions
from tests.model.test_faq_style import faq_parses  # noqa: F401 (a fixture)

# Documented in README.md: at most this many held-out questions answered with a wrong topic.
MAX_WRONG_SHARE = 0.05
# Retune (tools/tune_fallback.py) when the configured pair falls this far behind the best.
MAX_EXTRA_COST = 3.0


def test_configured_thresholds_keep_wrong_answers_rare_and_stay_near_the_best(heldout_parses, faq_parses):
    also_right = {item["q"]: tuple(item["topics"][1:]) for item in faq_questions()}
    parsed = []
    for question in heldout_parses + faq_parses:
        ranking = question.result["intent_ranking"]
        pairs = [(item["name"], item["confidence"]) for item in ranking if item["name"] != "nlu_fallback"]
        parsed.append(Parsed(question.expected, pairs, question.text, also_right.get(question.text, ())))
    results = grid(parsed, load_topics())
    configured = configured_pair(ROOT / "config.yml")
    counts = results[configured]
    best = best_pair(results)

    FIGURES["fallback on held-out and FAQ-style"] = (
        f"threshold {configured[0]}, ambiguity {configured[1]}: {counts['right']} right, "
        f"{counts['wrong']} wrong, {counts['offered']} offered the right topic, "
        f"{counts['missed']} missed, of {len(parsed)} (best pair {best}: {dict(results[best])})"
    )
    assert counts["wrong"] <= MAX_WRONG_SHARE * len(parsed), FIGURES["fallback on held-out and FAQ-style"]
    assert cost(counts) <= cost(results[best]) + MAX_EXTRA_COST, FIGURES["fallback on held-out and FAQ-style"]
