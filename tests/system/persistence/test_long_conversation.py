"""A conversation longer than the store's window (endpoints.yml `recent_turns`) on a live
server: every turn is answered, every event is stored once, and "forget me" deletes all.
The `live` fixture is the system stack's SQLite file here; tests/integration runs the same
tests on PostgreSQL."""

import uuid

from actions.topic_library import all_topics
from tests.unit.server.store.test_recent_window import WINDOW
from tests.replies import answered

TOPIC_IDS = sorted(all_topics())


def new_sender() -> str:
    return f"long-{uuid.uuid4().hex[:12]}"


def test_a_conversation_past_the_window_is_answered_and_stored_whole(live):
    sender = new_sender()
    asked = [TOPIC_IDS[(3 * n) % len(TOPIC_IDS)] for n in range(WINDOW + 4)]

    for topic_id in asked:
        said = live.say_texts(sender, f"/{topic_id}")
        assert answered(all_topics()[topic_id], said), (topic_id, said)

    tracker = live.tracker(sender)
    events = tracker["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == [f"/{t}" for t in asked]
    topic_slots = [e["value"] for e in events if e["event"] == "slot" and e["name"] == "topic"]
    assert topic_slots == asked, "each answer's slot stored once, none carried into the store twice"
    assert tracker["slots"]["topic"] == asked[-1]
    assert sum(e["event"] == "session_started" for e in events) == 1


def test_forget_me_after_a_long_conversation_deletes_the_early_turns_too(live):
    sender = new_sender()
    for topic_id in TOPIC_IDS[: WINDOW + 2]:
        live.say_texts(sender, f"/{topic_id}")

    live.say_texts(sender, "/confirm_forget_me")

    said = [e["text"] for e in live.tracker(sender)["events"] if e["event"] == "user"]
    assert said == []
