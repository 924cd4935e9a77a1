"""When a message during a form is its answer, and when the form steps aside."""

import pytest

from actions.form_turns import answers_the_question
from tests.unit.actions.conftest import tracker_after


@pytest.mark.parametrize(
    "text, intent, reads_as_answer, expected",
    [
        ("180 lb", "personal_medical_advice", True, True),
        ("heavy", "metald", False, True),
        ("no", "deny", False, True),
        ("wait, what is nash?", "what_is_nash", False, False),
        ("hang on how does that work", "nlu_fallback", False, False),
        ("stop", "cancel_form", False, False),
        ("can i talk to a nurse", "human_contact", False, False),
        ("/menu_basics", "menu_basics", False, False),
    ],
)
def test_answers_and_requests(text, intent, reads_as_answer, expected):
    assert answers_the_question(tracker_after(intent, text), reads_as_answer) is expected


def test_a_red_flag_is_never_an_answer_even_with_a_number():
    tracker = tracker_after("emergency", "180 lb, vomiting blood", entities=[{"entity": "red_flag"}])
    assert answers_the_question(tracker, True) is False
