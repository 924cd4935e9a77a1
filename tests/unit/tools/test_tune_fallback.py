"""tools/tune_fallback.py without a trained model: the grid, best pair and wrong answers it prints from given parses."""

import logging
import sys

import pytest
import structlog

from tools import tune_fallback
from common.content import load_topics
from tools.fallback_thresholds import AMBIGUITIES, THRESHOLDS, Parsed, configured_pair, outcome, tally
from tests.conftest import ROOT

PARSED = [
    Parsed("coffee", [("coffee", 0.9), ("diet", 0.05)], "is coffee ok"),
    Parsed("sleep", [("diet", 0.45), ("sleep", 0.39)], "does rest matter"),
    Parsed("alcohol", [("alcohol", 0.35), ("diet", 0.2)], "can i drink wine"),
]


@pytest.fixture
def printed(monkeypatch, capsys):
    """Runs main() on PARSED in place of the model's parses; returns what it printed."""
    saved_structlog, saved_disable = structlog.get_config(), logging.root.manager.disable
    asked = []

    async def parses_of(model_path):
        asked.append(model_path)
        return PARSED

    monkeypatch.setattr(tune_fallback, "parse_all", parses_of)
    monkeypatch.setattr(sys, "argv", ["tools/tune_fallback.py", "models/given-model.tar.gz"])
    try:
        tune_fallback.main()
    finally:  # main() quiets logging for the whole process, as a command-line tool may
        logging.disable(saved_disable)
        structlog.configure(**saved_structlog)
    assert [path.name for path in asked] == ["given-model.tar.gz"], "the model named on the command line"
    return capsys.readouterr().out.splitlines()


def test_the_header_names_the_count_and_the_model(printed):
    assert printed[0] == "3 held-out and FAQ-style questions, model given-model.tar.gz"
    assert printed[1].split() == ["threshold", "ambiguity", "right", "wrong", "offered", "missed", "cost"]


def test_one_row_per_pair_in_order_with_counts_and_cost(printed):
    rows = [line.split() for line in printed[2:2 + len(THRESHOLDS) * len(AMBIGUITIES)]]
    assert [(float(row[0]), float(row[1])) for row in rows] == [(t, a) for t in THRESHOLDS for a in AMBIGUITIES]
    # threshold 0.40, ambiguity 0.00: coffee right, sleep wrong (0.45), alcohol offered (0.35 < 0.40).
    assert rows[THRESHOLDS.index(0.4) * len(AMBIGUITIES)] == ["0.40", "0.00", "1", "1", "1", "0", "1.5"]


def test_the_best_and_configured_pairs_and_the_wrong_answers_follow(printed):
    tail = printed[2 + len(THRESHOLDS) * len(AMBIGUITIES):]
    assert tail[0] == "best pair: threshold 0.2, ambiguity 0.08: {'right': 2, 'offered': 1}"
    current, topics = configured_pair(ROOT / "config.yml"), load_topics()
    counts = dict(tally(PARSED, *current, topics))
    assert tail[1] == f"config.yml: threshold {current[0]}, ambiguity {current[1]}: {counts}"
    wrong = [f"  {p.expected} -> {p.ranking[0][0]} {p.ranking[0][1]:.2f}: {p.text}"
             for p in PARSED if outcome(p, *current, topics) == "wrong"]
    assert tail[2:] == ["answered with the wrong intent at the config.yml pair:", *wrong]
