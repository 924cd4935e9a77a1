"""A person to talk to: the care team's contact the deployer set (common/care_team.py), or
an honest "no staff behind this assistant" when none is set."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from common.care_team import contact_lines

WITH_CONTACT = "utter_care_team_contact"
WITHOUT_CONTACT = "utter_no_staff"


def offer_care_team(dispatcher: CollectingDispatcher) -> bool:
    """Sends the care team's contact if one is configured; True if it did."""
    lines = contact_lines()
    if lines:
        dispatcher.utter_message(response=WITH_CONTACT, contact="\n".join(lines))
    return bool(lines)


class ActionHumanContact(Action):
    def name(self) -> Text:
        return "action_human_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if not offer_care_team(dispatcher):
            dispatcher.utter_message(response=WITHOUT_CONTACT)
        return []
