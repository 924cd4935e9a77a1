"""`make insights` on a real SQLite store seeded with known conversations: the known counts
give the known CSV and HTML; conversations deleted by "forget me" and `make purge` are absent.

The seed (`seed_store`) also serves the PostgreSQL variant
(tests/integration/store/test_insights.py) and the screenshot in docs/operations.md
(tests/unit/tools/insights_screenshot.py).
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import subprocess
from typing import Any, Dict, List

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

from common.content import load_topics
from server.store.conversation_store import ConversationStore, create_store_engine
from tools import insights, purge
from tests.conftest import ROOT

FROM, TO = "2026-11-01", "2026-11-30"
TITLES = {topic_id: topic.title for topic_id, topic in load_topics().items()}
# Texts of conversations that must never reach the report.
ABSENT = ("zebra quartz forgotten", "purged marker", "october marker", "december marker")


def when(month: int, day: int, hour: int = 12, minute: int = 0) -> float:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.timezone.utc).timestamp()


def user(text: str, intent: str, at: float, ranking=()) -> UserUttered:
    parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text,
             "intent_ranking": [{"name": intent, "confidence": 0.9}] + [{"name": name, "confidence": 0.2} for name in ranking]}
    return UserUttered(text, parse["intent"], parse_data=parse, timestamp=at)


def reply(action: str, at: float) -> list:
    return [ActionExecuted(action, timestamp=at), BotUttered("(reply)", metadata={"utter_action": action}, timestamp=at),
            ActionExecuted("action_listen", timestamp=at)]


def session(at: float) -> list:
    return [ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at),
            ActionExecuted("action_listen", timestamp=at)]


def topic_turn(text: str, topic: str, at: float) -> list:
    """As the Rasa server stores an answer: the topic slot, then the answer response."""
    return [user(text, topic, at), SlotSet("topic", topic, timestamp=at)] + reply(f"utter_answer_{topic}", at)


def vote(helpful: bool, at: float) -> list:
    intent = "helpful" if helpful else "not_helpful"
    return [user(f"/{intent}", intent, at)] + reply("utter_thanks_for_feedback", at)


def did_you_mean(text: str, at: float, ranking=()) -> list:
    """The fallback action offers topics and undoes the turn (actions/fallback.py)."""
    return [user(text, "nlu_fallback", at, ranking), ActionExecuted("action_default_fallback", timestamp=at),
            BotUttered("(did you mean)", timestamp=at), UserUtteranceReverted(timestamp=at),
            ActionExecuted("action_listen", timestamp=at)]


def said(text: str, intent: str, response: str, at: float) -> list:
    return [user(text, intent, at)] + reply(response, at)


def seeded_conversations() -> Dict[str, List[Any]]:
    nov10, nov11, nov12, nov13 = when(11, 10), when(11, 11), when(11, 12), when(11, 13)
    return {
        "coffee-and-alcohol": session(nov10) + topic_turn("Is coffee good for my liver?", "coffee", nov10 + 1)
        + vote(True, nov10 + 2) + topic_turn("and alcohol?", "alcohol", nov10 + 3) + vote(False, nov10 + 4),
        "bananas": session(nov11) + did_you_mean("can I eat bananas?", nov11 + 1, ["diet"])
        + did_you_mean("Are bananas OK to eat", nov11 + 2, ["diet", "coffee"])
        + topic_turn("/diet", "diet", nov11 + 3) + vote(True, nov11 + 4),
        "weather-and-red-flags": session(nov12)
        + said("What is the weather today?", "out_of_scope", "utter_out_of_scope", nov12 + 1)
        + said("whats the weather like tomorrow", "out_of_scope", "utter_out_of_scope", nov12 + 2)
        + said("I am vomiting blood", "emergency", "utter_emergency", nov12 + 3)
        + said("I want to end my life", "crisis", "utter_emergency_crisis", nov12 + 4),
        "masked": session(nov13)
        + did_you_mean("Email me at grace@example.org or call +1 555 010 9999, I weigh 220 lb", nov13 + 1),
        # Answered on October 31st, voted on November 1st: the vote counts, for sleep.
        "across-the-start": session(when(10, 31, 23, 50)) + topic_turn("sleep?", "sleep", when(10, 31, 23, 50))
        + vote(False, when(11, 1, 0, 5)),
        "october": session(when(10, 15)) + did_you_mean("october marker", when(10, 15, 12, 1)),
        # The first moment after the range.
        "december": session(when(12, 1, 0)) + did_you_mean("december marker", when(12, 1, 0)),
        "forgotten": session(when(11, 14)) + did_you_mean("zebra quartz forgotten question", when(11, 14, 12, 1))
        + topic_turn("coffee", "coffee", when(11, 14, 12, 2)),
    }


async def save(store: ConversationStore, sender: str, events: List[Any]) -> None:
    await store.save(DialogueStateTracker.from_events(sender, events, store.domain.slots))


async def seed_store(store: ConversationStore) -> None:
    """The known conversations, as the servers leave them: one purged by `make purge`
    (idle since November 2nd, purged on the 20th with DAYS=10), one deleted by "forget me"."""
    await save(store, "purged", session(when(11, 2)) + did_you_mean("purged marker question", when(11, 2, 12, 1)))
    engine = create_store_engine(store.engine.url)
    try:
        assert purge.purge(engine, days=10, now=when(11, 20)) == (1, 8, 0)
    finally:
        engine.dispose()
    for sender, events in seeded_conversations().items():
        await save(store, sender, events)
    assert store.delete_conversation("forgotten") > 0


def endpoints_file(folder, fields: Dict[str, Any]):
    path = folder / "endpoints.yml"
    store = {"type": "server.store.conversation_store.ConversationStore", **fields}
    path.write_text(yaml.safe_dump({"tracker_store": store}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """An endpoints file naming a SQLite store that holds the known conversations."""
    folder = tmp_path_factory.mktemp("insights")
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(folder / "conversations.db"))
    try:
        asyncio.run(seed_store(store))
    finally:
        store.engine.dispose()
    return endpoints_file(folder, {"dialect": "sqlite", "db": str(folder / "conversations.db")})


EXPECTED_CSV = [
    ["summary", "all", "", "conversations", "5"],
    ["summary", "all", "", "user_messages", "14"],
    ["summary", "all", "", "typed_messages", "9"],
    ["summary", "all", "", "assistant_messages", "14"],
    ["summary", "all", "", "topic_answers", "3"],
    ["summary", "all", "", "did_you_mean", "3"],
    ["summary", "all", "", "did_you_mean_rate", "0.3333"],
    ["summary", "all", "", "out_of_scope", "2"],
    ["summary", "all", "", "out_of_scope_rate", "0.2222"],
    ["summary", "all", "", "red_flags", "2"],
    ["topic", "alcohol", TITLES["alcohol"], "answers", "1"],
    ["topic", "alcohol", TITLES["alcohol"], "helpful", "0"],
    ["topic", "alcohol", TITLES["alcohol"], "not_helpful", "1"],
    ["topic", "coffee", TITLES["coffee"], "answers", "1"],
    ["topic", "coffee", TITLES["coffee"], "helpful", "1"],
    ["topic", "coffee", TITLES["coffee"], "not_helpful", "0"],
    ["topic", "diet", TITLES["diet"], "answers", "1"],
    ["topic", "diet", TITLES["diet"], "helpful", "1"],
    ["topic", "diet", TITLES["diet"], "not_helpful", "0"],
    ["topic", "sleep", TITLES["sleep"], "answers", "0"],
    ["topic", "sleep", TITLES["sleep"], "helpful", "0"],
    ["topic", "sleep", TITLES["sleep"], "not_helpful", "1"],
    ["red_flag", "emergency", "Emergency sign (e.g. vomiting blood)", "messages", "1"],
    ["red_flag", "emergency_low_blood_sugar", "Very low blood sugar", "messages", "0"],
    ["red_flag", "crisis", "Thoughts of self-harm", "messages", "1"],
    ["red_flag", "crisis_and_emergency", "Self-harm with an emergency sign", "messages", "0"],
    ["unplaced_group", "1", "are bananas ok to eat", "messages", "2"],
    ["unplaced_group", "1", "are bananas ok to eat", "did_you_mean", "2"],
    ["unplaced_group", "1", "are bananas ok to eat", "nearest_topic", "diet"],
    ["unplaced_wording", "1", "are bananas ok to eat", "messages", "1"],
    ["unplaced_wording", "1", "can i eat bananas", "messages", "1"],
    ["unplaced_group", "2", "what is the weather today", "messages", "2"],
    ["unplaced_group", "2", "what is the weather today", "out_of_scope", "2"],
    ["unplaced_wording", "2", "what is the weather today", "messages", "1"],
    ["unplaced_wording", "2", "whats the weather like tomorrow", "messages", "1"],
    ["unplaced_group", "3", "email me at [email] or call [phone], i weigh [number] lb", "messages", "1"],
    ["unplaced_group", "3", "email me at [email] or call [phone], i weigh [number] lb", "did_you_mean", "1"],
    ["unplaced_wording", "3", "email me at [email] or call [phone], i weigh [number] lb", "messages", "1"],
    ["unplaced_group", "ungrouped", "", "messages", "0"],
]


def test_the_known_conversations_give_the_known_report(seeded, tmp_path, capsys):
    out = tmp_path / "reports"
    assert insights.main(["--from", FROM, "--to", TO, "--endpoints", str(seeded), "--out", str(out)]) == 0

    html, csv_path = out / "insights-2026-11-01-to-2026-11-30.html", out / "insights-2026-11-01-to-2026-11-30.csv"
    assert capsys.readouterr().out == f"Insights report: {html}\nThe same figures as CSV: {csv_path}\n"
    with csv_path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["section", "item", "label", "metric", "value"]
    assert rows[1:] == EXPECTED_CSV
    page = html.read_text(encoding="utf-8")
    for figure in ("<b>5</b><span>conversations</span>", "<b>33.3%</b><span>did-you-mean (3 of the typed)</span>",
                   "<b>22.2%</b><span>out of scope (2 of the typed)</span>", "<b>2</b><span>red flags</span>",
                   "<b>2 / 2</b><span>helpful / not helpful votes</span>", f"{TITLES['coffee']}: 1 + 0",
                   "email me at [email] or call [phone], i weigh [number] lb"):
        assert figure in page
    for private in ("grace@example.org", "555 010 9999", "220") + ABSENT:
        assert private not in page and private not in csv_path.read_text(encoding="utf-8")


def test_deleted_conversations_are_absent_even_from_a_range_that_covers_everything(seeded, tmp_path, capsys):
    assert insights.main(["--from", "2026-01-01", "--to", "2026-12-31", "--endpoints", str(seeded), "--out", str(tmp_path)]) == 0
    report = (tmp_path / "insights-2026-01-01-to-2026-12-31.csv").read_text(encoding="utf-8")
    assert "summary,all,,conversations,7" in report, "the five, October's and December's; not the two deleted"
    assert "october marker" in report and "december marker" in report
    assert "zebra quartz" not in report and "purged marker" not in report


def test_the_default_range_is_the_last_30_days_today_included():
    assert insights.days(None, None, today=dt.date(2026, 12, 2)) == (dt.date(2026, 11, 3), dt.date(2026, 12, 2))
    assert insights.days(dt.date(2026, 11, 1), None, today=dt.date(2026, 12, 2))[1] == dt.date(2026, 12, 2)
    start, end = insights.seconds(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (start, end) == (when(11, 1, 0), when(12, 1, 0))


def test_wrong_days_and_stores_are_refused_with_what_to_do(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        insights.main(["--from", "2026-13-01"])
    assert exit_.value.code == 2 and "'2026-13-01' is not a day like 2026-11-30" in capsys.readouterr().err
    assert insights.main(["--from", "2026-12-01", "--to", "2026-11-01"]) == 2
    assert "error: FROM (2026-12-01) is after TO (2026-11-01)" in capsys.readouterr().err
    never = endpoints_file(tmp_path, {"dialect": "sqlite", "db": str(tmp_path / "never.db")})
    assert insights.main(["--endpoints", str(never), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out == f"No conversations stored yet in sqlite:{tmp_path / 'never.db'}: no report.\n"
    assert not (tmp_path / "never.db").exists() and not (tmp_path / "out").exists()


def test_make_insights_passes_the_range_and_prints_the_report_path(seeded, tmp_path):
    # -o install: the unit tier never installs packages.
    result = subprocess.run(
        ["make", "-s", "-o", "install", "insights", f"FROM={FROM}", f"TO={TO}", f"ENDPOINTS={seeded}", f"OUT={tmp_path}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    html = tmp_path / "insights-2026-11-01-to-2026-11-30.html"
    assert result.stdout.splitlines()[0] == f"Insights report: {html}"
    assert "<b>5</b><span>conversations</span>" in html.read_text(encoding="utf-8")
    for private in ("grace@example.org", "bananas", "weather") + ABSENT:
        assert private not in result.stdout + result.stderr, "paths only, nothing of a conversation"
