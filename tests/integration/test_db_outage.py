"""A PostgreSQL outage: a clear log line naming the store, /health/store 503, then recovery.

While the database is down, Rasa's FailSafeTrackerStore answers from memory: the user
still gets answers, without the earlier turns, and those turns are not stored.
"""

import uuid

from actions.topic_library import all_topics
from tests.integration.conftest import new_sender

# The first words of the short answer, in any reply that holds it.
FATTY_LIVER_ANSWER = all_topics()["what_is_fatty_liver"].answer.split(".")[0]


def test_an_outage_is_reported_and_the_conversation_resumes(replica, postgres):
    sender = new_sender()
    marker = f"mk{uuid.uuid4().hex[:10]}"
    label = f"postgresql://127.0.0.1:{postgres.port}/{postgres.database}"
    assert replica.say_texts(sender, "/what_is_fatty_liver")
    healthy = replica.store_health()
    assert healthy.status_code == 200
    assert healthy.json() == {"tracker_store": "ok"}, "ok or not, without naming the database"

    postgres.stop()
    try:
        down = replica.store_health()
        assert down.status_code == 503
        assert down.json() == {"tracker_store": "unavailable"}
        # Rasa's FailSafeTrackerStore keeps answering from memory, without the history.
        during = replica.say_texts(sender, "/what_is_fatty_liver")
        assert any(FATTY_LIVER_ANSWER in reply for reply in during), during
        assert replica.say_texts(sender, f"what is fatty liver disease {marker}")
        assert replica.is_up()
        log = replica.rasa_log.read_text()
        assert f"Tracker store {label} is unavailable: load failed (OperationalError: connection" in log
    finally:
        postgres.start()

    assert replica.store_health().status_code == 200
    replies = replica.say_texts(sender, "/what_is_nash")
    assert any("MASH" in reply for reply in replies)
    said = [e["text"] for e in replica.tracker(sender)["events"] if e["event"] == "user"]
    assert said == ["/what_is_fatty_liver", "/what_is_nash"]
    assert f"Tracker store {label} is available again." in replica.rasa_log.read_text()
    assert marker not in replica.logs()
