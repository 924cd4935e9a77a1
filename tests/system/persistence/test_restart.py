"""A conversation survives a restart of the Rasa server (SQLite store, as `make run` has it)."""

from pathlib import Path

from tests.system.persistence.stack import new_sender

FULL_DISCLAIMER = "Consult a qualified healthcare provider"


def summary(events):
    return [(event["event"], event.get("name"), event.get("text")) for event in events]


def test_the_store_creates_its_folder(sqlite_stack):
    assert Path(sqlite_stack.store["db"]).is_file()


def test_a_restart_mid_conversation_continues_it(sqlite_stack):
    sender = new_sender()
    first = sqlite_stack.say(sender, "/what_is_fatty_liver")
    assert FULL_DISCLAIMER in first[0]
    before = sqlite_stack.tracker(sender)

    sqlite_stack.stop_rasa()
    sqlite_stack.start_rasa()

    restored = sqlite_stack.tracker(sender)
    assert summary(restored["events"]) == summary(before["events"])
    assert restored["slots"]["topic"] == "what_is_fatty_liver"

    replies = sqlite_stack.say(sender, "/what_is_nash")
    assert not any(FULL_DISCLAIMER in reply for reply in replies), "the same session goes on"
    assert any("MASH" in reply for reply in replies), replies
    events = sqlite_stack.tracker(sender)["events"]
    said = [event["text"] for event in events if event["event"] == "user"]
    assert said == ["/what_is_fatty_liver", "/what_is_nash"]
