"""The CSV: one figure per row, in a fixed order, and safe to open in a spreadsheet."""

import csv
import datetime as dt
from collections import Counter

from tools.insights_counts import DID_YOU_MEAN, Counts
from tools.insights_groups import Group, Grouping
from tools.insights_report import Report, cell, csv_rows, write_csv


def report(**counts):
    found = Counts(**counts)
    groups = (Group(3, (("=hyperlink(\"x\") diet", 2), ("-1 question", 1)), ((DID_YOU_MEAN, 3),), "diet"),)
    return Report(dt.date(2026, 11, 1), dt.date(2026, 11, 30), found, Grouping(groups, 1), {"diet": "Eating well"})


def test_topics_are_listed_most_answered_first_with_their_votes():
    votes = {"coffee": Counter(helpful=2), "sleep": Counter(not_helpful=1)}
    rows = csv_rows(report(answers=Counter(diet=3, coffee=5), votes=votes))
    topics = [row for row in rows if row[0] == "topic"]
    assert [(row[1], row[2], row[3], row[4]) for row in topics] == [
        ("coffee", "coffee", "answers", 5), ("coffee", "coffee", "helpful", 2), ("coffee", "coffee", "not_helpful", 0),
        ("diet", "Eating well", "answers", 3), ("diet", "Eating well", "helpful", 0), ("diet", "Eating well", "not_helpful", 0),
        ("sleep", "sleep", "answers", 0), ("sleep", "sleep", "helpful", 0), ("sleep", "sleep", "not_helpful", 1),
    ]


def test_rates_are_shares_of_the_typed_messages():
    rows = {row[3]: row[4] for row in csv_rows(report(typed_messages=8, user_messages=12, did_you_mean=2, out_of_scope=1))}
    assert (rows["did_you_mean_rate"], rows["out_of_scope_rate"]) == (0.25, 0.125)


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(tmp_path):
    assert cell("=1+1") == "'=1+1" and cell("@sum") == "'@sum" and cell("+1") == "'+1" and cell(-1) == -1
    path = tmp_path / "report.csv"
    write_csv(report(), path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    wordings = [row for row in rows if row[0] == "unplaced_wording"]
    assert [row[2] for row in wordings] == ["'=hyperlink(\"x\") diet", "'-1 question"]
    assert rows[-1] == ["unplaced_group", "ungrouped", "", "messages", "1"]
    assert report().name == "insights-2026-11-01-to-2026-11-30"
