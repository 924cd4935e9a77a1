"""Short follow-ups read against the conversation's slots, on the shipped grid."""

import pytest

from common.content import load_topics
from server.nlu.follow_ups import NONE, in_context

TOPICS = list(load_topics())


def parse(text, intent, confidence=0.9):
    return {"text": text, "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": intent, "confidence": confidence}], "entities": []}


def read(text, intent, confidence=0.9, **slots):
    result = in_context(parse(text, intent, confidence), slots.get, TOPICS)
    kept = {e["entity"]: e["value"] for e in result["entities"]}
    return result["intent"]["name"], kept


def test_an_ask_alone_takes_the_subject_of_the_current_topic():
    assert read("and how is it treated?", "what_is_nash", topic="what_is_nash") == (
        "treatment_overview", {"subject": "nash", "ask": "treatment"})
    assert read("how is it treated?", "treatment_overview", topic="what_is_insulin_resistance") == (
        "diet_and_exercise_combined", {"subject": "insulin_resistance", "ask": "treatment"})


def test_a_subject_alone_takes_the_ask_of_the_last_question():
    intent, kept = read("and for masld?", "what_is_fatty_liver",
                        topic="symptoms_and_signs", subject="nash", ask="symptoms")
    assert (intent, kept) == ("symptoms_and_signs", {"subject": "fatty_liver", "ask": "symptoms"})


def test_a_complete_question_wins_over_the_context():
    assert read("how is insulin resistance treated", "diet_and_exercise_combined",
                topic="what_is_nash", subject="nash", ask="what")[0] == "diet_and_exercise_combined"
    # A subject alone without a follow-up's opening is a new question, not a follow-up.
    assert read("nash", "what_is_nash", topic="treatment_overview", ask="treatment")[0] == "what_is_nash"


def test_a_message_pointing_back_gets_more_of_the_current_topic():
    result = in_context(parse("who qualifies for that?", "who_should_get_checked", 0.3),
                        {"topic": "bariatric_surgery"}.get, TOPICS)
    assert result["intent"]["name"] == "tell_me_more"
    assert {"entity": "topic", "value": "bariatric_surgery"}.items() <= result["entities"][0].items()
    # ... unless the classifier is sure of a topic of its own.
    assert read("how much coffee?", "coffee", 0.999, topic="exercise")[0] == "coffee"


def test_an_unplaced_short_follow_up_gets_more_of_the_current_topic():
    assert read("and then what?", "nlu_fallback", 0.2, topic="sleep")[0] == "tell_me_more"
    assert read("and then what?", "nlu_fallback", 0.2)[0] == "nlu_fallback"  # no topic yet


def test_tell_me_more_naming_a_new_subject_answers_that_subject():
    assert read("explain nash please", "tell_me_more", 0.5, topic="coffee")[0] == "what_is_nash"
    # Naming the subject already on: more of the same topic.
    assert read("tell me more about nash", "tell_me_more", topic="what_is_nash")[0] == "tell_me_more"


@pytest.mark.parametrize("intent", ["emergency", "crisis", "personal_medical_advice", "greet", "help"])
def test_urgent_replies_personal_advice_and_small_talk_are_never_changed(intent):
    message = parse("and how is it treated?", intent)
    assert in_context(message, {"topic": "what_is_nash"}.get, TOPICS) == message


def test_a_buttons_payload_is_never_changed():
    message = parse('/tell_me_more{"topic":"what_is_nash"}', "tell_me_more")
    assert in_context(message, {"topic": "coffee"}.get, TOPICS) == message


def test_a_topic_question_without_subject_or_ask_says_so_for_the_next_turn():
    assert read("is coffee good for me", "coffee", topic="what_is_nash", subject="nash") == (
        "coffee", {"subject": NONE, "ask": NONE})
