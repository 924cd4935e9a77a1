"""A conversation longer than the store's window (endpoints.yml `recent_turns`) on the live
server: every turn is answered, every event is stored once, and "forget me" deletes all."""

import pytest

from actions.topic_library import all_topics
from tests.unit.server.store.test_recent_window import WINDOW
from tests.system.e2e.replies import answered
from tests.system.persistence.stack import new_sender

TOPIC_IDS = sorted(all_topics())


@pytest.fixture(params=["sqlite_stack", "postgres_stack"])
def stack(request):
    return request.getfixturevalue(request.param)


def test_a_conversation_past_the_window_is_answered_and_stored_whole(stack):
    sender = new_sender()
    asked = [TOPIC_IDS[(3 * n) % len(TOPIC_IDS)] for n in range(WINDOW + 4)]

    for topic_id in asked:
        said = stack.say(sender, f"/{topic_id}")
        assert answered(all_topics()[topic_id], said), (topic_id, said)

    tracker = stack.tracker(sender)
    events = tracker["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == [f"/{t}" for t in asked]
    topic_slots = [e["value"] for e in events if e["event"] == "slot" and e["name"] == "topic"]
    assert topic_slots == asked, "each answer's slot stored once, none carried into the store twice"
    assert tracker["slots"]["topic"] == asked[-1]
    assert sum(e["event"] == "session_started" for e in events) == 1


def test_forget_me_after_a_long_conversation_deletes_the_early_turns_too(stack):
    sender = new_sender()
    for topic_id in TOPIC_IDS[: WINDOW + 2]:
        stack.say(sender, f"/{topic_id}")

    stack.say(sender, "/confirm_forget_me")

    said = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert said == []
