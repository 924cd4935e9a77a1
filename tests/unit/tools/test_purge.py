"""tools/purge.py on a real SQLite file: what it deletes and keeps, what it prints, and what it refuses."""

import sqlite3
import subprocess
import time

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered

from server.store.conversation_store import ConversationStore, create_store_engine
from tools import purge
from tests.conftest import ROOT

DAY_S = 86400


def events_at(*days_ago, now):
    """One turn per entry, `days_ago` before `now`."""
    events = [ActionExecuted("action_session_start", timestamp=now - days_ago[0] * DAY_S),
              SessionStarted(timestamp=now - days_ago[0] * DAY_S)]
    for days in days_ago:
        stamp = now - days * DAY_S
        events += [UserUttered("private words", {"name": "greet"}, timestamp=stamp),
                   ActionExecuted("utter_greet", timestamp=stamp)]
    return events


async def store_conversation(store, sender, events):
    tracker = store.init_tracker(sender)
    for event in events:
        tracker.update(event)
    await store.save(tracker)


def endpoints_file(tmp_path, tracker_store):
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump({"tracker_store": tracker_store}), encoding="utf-8")
    return str(path)


def events_by_sender(db):
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT sender_id, count(*) FROM events GROUP BY sender_id"))


@pytest.fixture
def sqlite_store(tmp_path):
    db = str(tmp_path / "conversations.db")
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=db)
    yield store, {"type": "server.store.conversation_store.ConversationStore", "dialect": "sqlite", "db": db}
    store.engine.dispose()


async def test_purge_deletes_only_conversations_idle_for_longer(sqlite_store, tmp_path, capsys):
    store, settings = sqlite_store
    now = time.time()
    await store_conversation(store, "idle", events_at(45, 40, now=now))
    await store_conversation(store, "recent", events_at(2, now=now))
    # Started long ago, but its last message is recent: kept whole.
    await store_conversation(store, "long_but_active", events_at(120, 60, 1, now=now))

    assert purge.main(["--days", "30", "--endpoints", endpoints_file(tmp_path, settings)]) == 0

    out, err = capsys.readouterr()
    assert out == (f"Purged 1 conversations (6 events) idle for more than 30 days from "
                   f"sqlite:{settings['db']}; 2 conversations kept.\n")
    assert events_by_sender(settings["db"]) == {"recent": 4, "long_but_active": 8}
    assert err == "", "counts only: no conversation id or text"


async def test_the_cutoff_is_the_last_event_exactly_n_days_ago(sqlite_store):
    store, settings = sqlite_store
    now = 1_700_000_000.0
    await store_conversation(store, "just_over", events_at(30.001, now=now))
    await store_conversation(store, "just_under", events_at(29.999, now=now))
    engine = create_store_engine(store.engine.url)
    try:
        assert purge.purge(engine, days=30, now=now) == (1, 4, 1)
    finally:
        engine.dispose()
    assert events_by_sender(settings["db"]) == {"just_under": 4}


def test_purge_needs_days():
    # -o install: only the target's own check runs; the unit tier never installs packages.
    result = subprocess.run(["make", "-s", "-o", "install", "purge"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "usage: make purge DAYS=30" in result.stderr
    with pytest.raises(SystemExit) as exit_:
        purge.main(["--days", "0"])
    assert exit_.value.code == 2


def test_purge_refuses_a_store_that_is_not_sql(tmp_path, capsys):
    path = tmp_path / "endpoints.yml"
    path.write_text('action_endpoint:\n  url: "http://localhost:5055/webhook"\n', encoding="utf-8")
    assert purge.main(["--days", "30", "--endpoints", str(path)]) == 2
    assert "has no SQL tracker store" in capsys.readouterr().err

    assert purge.main(["--days", "30", "--endpoints", str(tmp_path / "missing.yml")]) == 2
    assert f"error: no endpoints file at {tmp_path / 'missing.yml'}" in capsys.readouterr().err


def test_a_store_never_used_is_left_uncreated(tmp_path, capsys):
    db = tmp_path / "never.db"
    assert purge.main(["--days", "30", "--endpoints", endpoints_file(tmp_path, {"type": "SQL", "db": str(db)})]) == 0
    assert capsys.readouterr().out == f"No conversations stored yet in sqlite:{db}: nothing to purge.\n"
    assert not db.exists()


def test_a_file_that_is_not_a_database_is_reported_unavailable(tmp_path, capsys):
    db = tmp_path / "notes.db"
    db.write_text("not a database " * 500, encoding="utf-8")
    assert purge.main(["--days", "30", "--endpoints", endpoints_file(tmp_path, {"type": "SQL", "db": str(db)})]) == 1
    expected = f"error: tracker store sqlite:{db} is unavailable (DatabaseError: file is not a database)"
    assert expected in capsys.readouterr().err
