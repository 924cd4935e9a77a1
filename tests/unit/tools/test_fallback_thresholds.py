"""tools/fallback_thresholds.py on hand-made parses: the four outcomes, their cost, the grid and the pair it picks."""

from collections import Counter

import pytest

from tools.fallback_thresholds import (
    AMBIGUITIES,
    THRESHOLDS,
    Parsed,
    best_pair,
    configured_pair,
    cost,
    grid,
    outcome,
    tally,
)
from tests.conftest import ROOT

TOPICS = ["coffee", "diet", "sleep", "alcohol", "sugar"]


@pytest.mark.parametrize(
    "parsed, expected",
    [
        (Parsed("coffee", [("coffee", 0.9), ("diet", 0.05)]), "right"),
        (Parsed("coffee", [("diet", 0.9), ("coffee", 0.05)]), "wrong"),
        # Too unsure: the three likeliest topics are offered; "greet" is no topic, so not a button.
        (Parsed("sleep", [("coffee", 0.3), ("greet", 0.25), ("diet", 0.2), ("sleep", 0.1)]), "offered"),
        (Parsed("sugar", [("coffee", 0.3), ("diet", 0.25), ("sleep", 0.2), ("sugar", 0.1)]), "missed"),
        # An FAQ-style question that more than one topic answers.
        (Parsed("coffee", [("diet", 0.9), ("coffee", 0.05)], "", ("diet",)), "right"),
        (Parsed("sugar", [("coffee", 0.3), ("diet", 0.25), ("sleep", 0.2)], "", ("sleep",)), "offered"),
        # Asking back is fine for a message that is no topic at all.
        (Parsed("out_of_scope", [("coffee", 0.3), ("diet", 0.25)]), "offered"),
        # Confident but too close to the runner-up.
        (Parsed("coffee", [("coffee", 0.6), ("diet", 0.58)]), "offered"),
        # At the threshold is not below it (as Rasa's FallbackClassifier decides).
        (Parsed("coffee", [("coffee", 0.5), ("diet", 0.1)]), "right"),
        # A single intent has no runner-up to be close to.
        (Parsed("coffee", [("coffee", 0.55)]), "right"),
    ],
)
def test_outcome_at_threshold_half_and_ambiguity_005(parsed, expected):
    assert outcome(parsed, 0.5, 0.05, TOPICS) == expected


def test_a_wrong_answer_costs_two_extra_clicks():
    assert cost(Counter(right=5, wrong=2, offered=3, missed=1)) == 4.0
    assert cost(Counter(right=7)) == 0


PARSED = [
    Parsed("coffee", [("coffee", 0.9), ("diet", 0.05)]),
    Parsed("sleep", [("diet", 0.45), ("sleep", 0.39)]),  # wrong unless thresholds catch it
    Parsed("sugar", [("sugar", 0.35), ("diet", 0.2)]),  # right unless the threshold is above 0.35
]


def test_tally_counts_each_outcome():
    assert tally(PARSED, 0.4, 0.0, TOPICS) == Counter(right=1, wrong=1, offered=1)
    assert tally(PARSED, 0.5, 0.0, TOPICS) == Counter(right=1, offered=2)


def test_the_grid_has_every_pair_and_counts_every_question():
    results = grid(PARSED, TOPICS)
    assert list(results) == [(t, a) for t in THRESHOLDS for a in AMBIGUITIES]
    assert THRESHOLDS[0] == 0.2 and THRESHOLDS[-1] == 0.7 and len(THRESHOLDS) == 11
    assert all(sum(counts.values()) == len(PARSED) for counts in results.values())
    assert results[(0.2, 0.0)] == Counter(right=2, wrong=1)


def test_the_best_pair_has_the_lowest_cost_and_ties_go_to_lower_thresholds():
    # The wrong answer (0.45 vs 0.39) is caught by ambiguity 0.08 at the lowest threshold,
    # which keeps the 0.35 answer: cheaper than any threshold above 0.45.
    assert best_pair(grid(PARSED, TOPICS)) == (0.2, 0.08)
    tied = {(0.5, 0.0): Counter(wrong=1), (0.3, 0.1): Counter(offered=2), (0.3, 0.05): Counter(missed=3)}
    assert best_pair(tied) == (0.3, 0.1)


def test_configured_pair_reads_the_fallback_classifier(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text(
        "pipeline:\n  - name: WhitespaceTokenizer\n"
        "  - name: FallbackClassifier\n    threshold: 0.45\n    ambiguity_threshold: 0.1\n",
        encoding="utf-8",
    )
    assert configured_pair(config) == (0.45, 0.1)


def test_the_project_pair_is_one_the_grid_evaluates():
    assert configured_pair(ROOT / "config.yml") in grid(PARSED, TOPICS)
