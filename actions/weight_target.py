"""The weight-target helper's checks (validate_weight_target_form).

The form (domain.yml) asks for a weight, then a height. This action reads each answer
(common/weight.py), re-asks clearly when it is no weight or an absurd one, and works out
the figures the answer response shows (utter_weight_target_result, data/rules/weight_target.yml).
A message that is not an answer (a topic question, "stop", a red flag, "talk to a person")
is left alone: the form then steps aside, the rule for that message replies, and the form
asks its question again afterwards.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.form_turns import answers_the_question
from common import weight as w

FORM = "weight_target_form"
WEIGHT = "weight_target_weight"
HEIGHT = "weight_target_height"
KG = "weight_target_kg"
LEAN = "weight_target_lean"
# The figures utter_weight_target_result shows: slot name -> key of common.weight.targets.
FIGURES = {
    "weight_target_five": "five",
    "weight_target_seven_to_ten": "seven_to_ten",
    "weight_target_ten": "ten",
    "weight_target_three_to_five": "lean",
    "weight_target_pace": "pace",
}
ALL_SLOTS = [WEIGHT, HEIGHT, KG, LEAN, *FIGURES]
# What the height slot holds when no height is needed or given.
SKIPPED = "skipped"
NOT_OVERWEIGHT = "not overweight"
UNIT_NAMES = {"kg": ("kilograms", "lb", "pounds"), "lb": ("pounds", "kg", "kilograms")}


def weight_slots(weight: w.Weight) -> Dict[Text, Any]:
    figures = w.targets(weight)
    return {WEIGHT: weight.show(), KG: round(weight.kg, 2), **{s: figures[k] for s, k in FIGURES.items()}}


def explicit_weight(text: Text) -> Optional[w.Weight]:
    """A plausible weight with its unit written out, else None (never raises)."""
    try:
        weight = w.parse_weight(text)
    except w.Implausible:
        return None
    return weight if weight and not weight.assumed else None


class ValidateWeightTargetForm(FormValidationAction):
    def name(self) -> Text:
        return f"validate_{FORM}"

    def domain_slots(self, domain: Dict[Text, Any]) -> List[Text]:
        # Fixed here: endpoints.yml's selective domain sends this action no domain.
        return [WEIGHT, HEIGHT]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # Starting: Rasa marks the form active before this call, but nothing is asked yet.
        if tracker.active_loop_name != FORM or tracker.get_slot("requested_slot") is None:
            return self.start(tracker)
        if back_from_a_side_question(tracker):
            dispatcher.utter_message(response="utter_form_go_on")
            return []
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    def start(tracker: Tracker) -> List[Dict[Text, Any]]:
        """A fresh start: last time's figures forgotten; a weight in the opening message kept
        ("work out my target, I weigh 220 pounds") if its unit is written out."""
        slots: Dict[Text, Any] = {name: None for name in ALL_SLOTS}
        text = tracker.latest_message.get("text") or ""
        weight = explicit_weight(text)
        if weight:
            slots.update(weight_slots(weight))
        if w.says_not_overweight(text):
            slots.update({HEIGHT: NOT_OVERWEIGHT, LEAN: True})
        return [SlotSet(name, value) for name, value in slots.items()]

    @staticmethod
    def _take(slot: Text, tracker: Tracker, reads_as_answer) -> Dict[Text, Any]:
        """The text as a candidate for the slot asked for, or nothing so the form steps aside."""
        if tracker.get_slot("requested_slot") != slot:
            return {}
        text = tracker.latest_message.get("text") or ""
        if answers_the_question(tracker, reads_as_answer(text)):
            return {slot: text}
        return {}

    async def extract_weight_target_weight(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        return self._take(WEIGHT, tracker, _reads_as_weight)

    async def extract_weight_target_height(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        return self._take(HEIGHT, tracker, _reads_as_height)

    async def validate_weight_target_weight(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        text = str(value or "")
        lean = {HEIGHT: NOT_OVERWEIGHT, LEAN: True} if w.says_not_overweight(text) else {}
        try:
            weight = w.parse_weight(text)
        except w.Implausible:
            dispatcher.utter_message(response="utter_weight_target_implausible_weight")
            return {WEIGHT: None, **lean}
        if weight is None:
            noted = "utter_weight_target_lean_noted" if lean else "utter_weight_target_not_a_weight"
            dispatcher.utter_message(response=noted)
            return {WEIGHT: None, **lean}
        if weight.assumed and weight.unit in UNIT_NAMES:
            number = text_number(weight)
            name, other, other_name = UNIT_NAMES[weight.unit]
            dispatcher.utter_message(
                response="utter_weight_target_assumed_unit",
                number=number, unit=name, other=f"{number} {other}", other_unit=other_name,
            )
        return {**weight_slots(weight), **lean}

    async def validate_weight_target_height(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        text = str(value or "")
        if w.says_not_overweight(text):
            return {HEIGHT: NOT_OVERWEIGHT, LEAN: True}
        if w.says_skip(text):
            return {HEIGHT: SKIPPED, LEAN: False}
        try:
            metres = w.parse_height(text)
        except w.Implausible:
            dispatcher.utter_message(response="utter_weight_target_implausible_height")
            return {HEIGHT: None}
        if metres is None:
            # "180 kg" here corrects the weight read from a bare number.
            corrected = explicit_weight(text)
            if corrected:
                return {HEIGHT: None, **weight_slots(corrected)}
            dispatcher.utter_message(response="utter_weight_target_not_a_height")
            return {HEIGHT: None}
        kg = tracker.get_slot(KG)
        lean = bool(kg) and w.is_lean(w.Weight(float(kg), "kg"), metres)
        return {HEIGHT: f"{metres:.2f} m", LEAN: lean}


def back_from_a_side_question(tracker: Tracker) -> bool:
    """True when Rasa runs the form again after another rule answered the last message.

    Rasa sends the conversation with the form's own run last; before that comes the
    listen that took the user's message, unless a rule has just replied to it."""
    actions = [e.get("name") for e in tracker.events if e.get("event") == "action"]
    if actions and actions[-1] == FORM:
        actions = actions[:-1]
    return bool(actions) and actions[-1] not in ("action_listen", FORM)


def text_number(weight: w.Weight) -> Text:
    """The bare number the user typed, as we read it back ("180", "82")."""
    return weight.show().split()[0]


def _reads_as_weight(text: Text) -> bool:
    return _has_number(text) or w.says_not_overweight(text)


def _reads_as_height(text: Text) -> bool:
    return _has_number(text) or w.says_not_overweight(text) or w.says_skip(text)


def _has_number(text: Text) -> bool:
    return any(ch.isdigit() for ch in text)
