"""action_emergency on real trackers."""

from actions.emergency import ActionEmergency
from tests.actions.conftest import tracker_after


def red_flags(*symptoms):
    return [{"entity": "red_flag", "value": symptom} for symptom in symptoms]


async def test_urgent_care_comes_first(dispatcher, domain):
    tracker = tracker_after("emergency", "i vomited blood", red_flags("vomiting_blood"))

    events = await ActionEmergency().run(dispatcher, tracker, domain)

    responses = [m["response"] for m in dispatcher.messages]
    assert responses == ["utter_emergency", "utter_after_emergency"]
    assert events == []


async def test_self_harm_gets_the_crisis_line_first(dispatcher, domain):
    tracker = tracker_after("emergency", "i want to end my life", red_flags("self_harm"))

    await ActionEmergency().run(dispatcher, tracker, domain)

    assert dispatcher.messages[0]["response"] == "utter_emergency_crisis"
    assert "utter_emergency" not in [m["response"] for m in dispatcher.messages]


async def test_self_harm_and_a_symptom_get_both(dispatcher, domain):
    tracker = tracker_after("emergency", "", red_flags("self_harm", "chest_pain"))
    await ActionEmergency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == ["utter_emergency_crisis", "utter_emergency"]


def test_emergency_replies_say_emergency_and_where_to_go(domain):
    responses = domain["responses"]
    assert "emergency" in responses["utter_emergency"][0]["text"]
    assert "911" in responses["utter_emergency"][0]["text"]
    crisis = responses["utter_emergency_crisis"][0]["text"]
    assert "988" in crisis and "emergency" in crisis
