"""The first message of a new session: an urgent reply comes before the session disclaimer."""

from tests.replies import FULL_DISCLAIMER, texts
from tests.unit.server.nlu.kinds import first_phrasing_of_each_kind, urgent_marker
from tests.conftest import FIGURES


def test_every_red_flag_kind_gets_its_urgent_reply_before_the_disclaimer(assistant):
    kinds = first_phrasing_of_each_kind()
    right = 0
    for symptom, text in kinds.items():
        sender = f"first-{symptom}"
        said = texts(assistant.say(sender, text))
        assert urgent_marker(symptom) in said[0] and "emergency" in said[0], (symptom, said)
        assert sum(FULL_DISCLAIMER in line for line in said) == 1, (symptom, said)
        # The same order is stored: the first bot event of the session is the urgent reply.
        events = assistant.tracker(sender)["events"]
        first_bot = next(event for event in events if event["event"] == "bot")
        assert first_bot["text"] == said[0]
        right += 1
    FIGURES["first message of a session, urgent reply first"] = f"{right} of {len(kinds)} kinds"


def test_any_other_first_message_opens_with_the_disclaimer(assistant, sender):
    said = texts(assistant.say(sender, "what is nash"))
    assert FULL_DISCLAIMER in said[0]
    assert assistant.tracker(sender)["slots"]["topic"] == "what_is_nash"
