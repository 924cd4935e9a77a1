"""Urgent-care advice for red-flag symptoms, before anything else."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

SELF_HARM = "self_harm"


class ActionEmergency(Action):
    def name(self) -> Text:
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        symptoms = set(tracker.get_latest_entity_values("red_flag"))
        if SELF_HARM in symptoms:
            dispatcher.utter_message(response="utter_emergency_crisis")
        if symptoms - {SELF_HARM} or not symptoms:
            dispatcher.utter_message(response="utter_emergency")
        dispatcher.utter_message(response="utter_after_emergency")
        return []
