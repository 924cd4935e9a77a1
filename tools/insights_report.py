"""Writes the insights report: one self-contained HTML page with charts, and a CSV.

The HTML page is for reading (open it in any browser, offline: no script, no fetched
file); the CSV holds the same figures one per row (section, item, label, metric, value),
for a spreadsheet. Question texts appear only masked (tools/insights_groups.py).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

from server.nlu.urgent import CRISIS, CRISIS_AND_EMERGENCY, EMERGENCY, LOW_BLOOD_SUGAR
from tools.insights_counts import DID_YOU_MEAN, HELPFUL, NOT_HELPFUL, OUT_OF_SCOPE, Counts
from tools.insights_groups import Grouping

RED_FLAGS = {
    EMERGENCY: "Emergency sign (e.g. vomiting blood)",
    LOW_BLOOD_SUGAR: "Very low blood sugar",
    CRISIS: "Thoughts of self-harm",
    CRISIS_AND_EMERGENCY: "Self-harm with an emergency sign",
}
KINDS = {DID_YOU_MEAN: "did-you-mean", OUT_OF_SCOPE: "out of scope"}
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Report:
    first_day: dt.date
    last_day: dt.date  # included
    counts: Counts
    grouping: Grouping
    titles: Dict[str, str]  # topic id -> title, from content/

    def title(self, topic: str) -> str:
        return self.titles.get(topic, topic)

    def topics(self) -> List[str]:
        """Every topic answered or voted on, most answered first."""
        found = set(self.counts.answers) | set(self.counts.votes)
        return sorted(found, key=lambda topic: (-self.counts.answers[topic], topic))

    def votes(self, topic: str) -> Tuple[int, int]:
        votes = self.counts.votes.get(topic, {})
        return votes.get(HELPFUL, 0), votes.get(NOT_HELPFUL, 0)

    @property
    def name(self) -> str:
        return f"insights-{self.first_day.isoformat()}-to-{self.last_day.isoformat()}"


def percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def csv_rows(report: Report) -> List[Tuple[str, str, str, str, object]]:
    counts = report.counts
    rows: List[Tuple[str, str, str, str, object]] = [
        ("summary", "all", "", metric, value) for metric, value in (
            ("conversations", counts.conversations),
            ("user_messages", counts.user_messages),
            ("typed_messages", counts.typed_messages),
            ("assistant_messages", counts.bot_messages),
            ("topic_answers", sum(counts.answers.values())),
            ("did_you_mean", counts.did_you_mean),
            ("did_you_mean_rate", round(counts.rate(counts.did_you_mean), 4)),
            ("out_of_scope", counts.out_of_scope),
            ("out_of_scope_rate", round(counts.rate(counts.out_of_scope), 4)),
            ("red_flags", sum(counts.red_flags.values())),
        )
    ]
    for topic in report.topics():
        helpful, unhelpful = report.votes(topic)
        for metric, value in (("answers", counts.answers[topic]), ("helpful", helpful), ("not_helpful", unhelpful)):
            rows.append(("topic", topic, report.title(topic), metric, value))
    rows += [("red_flag", intent, label, "messages", counts.red_flags[intent]) for intent, label in RED_FLAGS.items()]
    for number, group in enumerate(report.grouping.groups, start=1):
        rows.append(("unplaced_group", str(number), group.label, "messages", group.messages))
        rows += [("unplaced_group", str(number), group.label, kind, n) for kind, n in group.kinds]
        if group.nearest_topic:
            rows.append(("unplaced_group", str(number), group.label, "nearest_topic", group.nearest_topic))
        rows += [("unplaced_wording", str(number), text, "messages", n) for text, n in group.examples]
    rows.append(("unplaced_group", "ungrouped", "", "messages", report.grouping.ungrouped))
    return rows


def cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(report: Report, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(("section", "item", "label", "metric", "value"))
        writer.writerows(tuple(cell(value) for value in row) for row in csv_rows(report))
