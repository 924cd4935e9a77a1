"""Which urgent intent a set of red flags gets (server/nlu/urgent.py)."""

from server.nlu.urgent import (
    CRISIS,
    CRISIS_AND_EMERGENCY,
    EMERGENCY,
    LOW_BLOOD_SUGAR,
    URGENT_INTENTS,
    urgent_intent,
)

CRISIS_FLAGS = {"self_harm"}


def test_a_bodily_red_flag_is_an_emergency():
    assert urgent_intent({"chest_pain"}, CRISIS_FLAGS & {"chest_pain"}) == EMERGENCY


def test_very_low_blood_sugar_alone_gets_its_first_aid():
    assert urgent_intent({"very_low_blood_sugar"}, set()) == LOW_BLOOD_SUGAR


def test_very_low_blood_sugar_with_its_own_signs_still_gets_its_first_aid():
    assert urgent_intent({"very_low_blood_sugar", "fainting"}, set()) == LOW_BLOOD_SUGAR
    assert urgent_intent({"very_low_blood_sugar", "confusion_or_drowsiness"}, set()) == LOW_BLOOD_SUGAR


def test_very_low_blood_sugar_with_another_red_flag_is_an_emergency():
    assert urgent_intent({"very_low_blood_sugar", "vomiting_blood"}, set()) == EMERGENCY


def test_self_harm_gets_the_crisis_reply_and_with_a_bodily_flag_both():
    assert urgent_intent({"self_harm"}, {"self_harm"}) == CRISIS
    assert urgent_intent({"self_harm", "vomiting_blood"}, {"self_harm"}) == CRISIS_AND_EMERGENCY


def test_every_urgent_intent_has_a_rule_of_responses_only():
    import yaml

    from tests.conftest import ROOT

    rules = yaml.safe_load((ROOT / "data" / "rules" / "safety.yml").read_text(encoding="utf-8"))
    by_intent = {rule["steps"][0].get("intent"): rule["steps"][1:] for rule in rules["rules"]}
    for intent in URGENT_INTENTS:
        actions = [step["action"] for step in by_intent[intent]]
        assert actions and all(action.startswith("utter_") for action in actions), intent
