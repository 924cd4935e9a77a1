"""The metabolic-syndrome checklist's count (action_metabolic_checklist_result).

The form (domain.yml) asks the five US criteria (NCEP ATP III as updated by the AHA and
NHLBI, content/metabolic_syndrome.yml), each answered yes, no or don't know on the Rasa
server itself. This action only counts: what three or more means, that a clinician
confirms it, and the disclaimer are responses of the rule (data/rules/metabolic_checklist.yml),
so they are said even when the action server is down. It then clears the answers, so the
next run of the checklist starts empty.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_library import all_topics, topic_button

YES, NO, UNKNOWN = "yes", "no", "unknown"
# Criterion slot -> the topic that explains what helps with it.
CRITERIA = {
    "mets_waist": "weight_loss_target",
    "mets_triglycerides": "statins_and_heart",
    "mets_hdl": "statins_and_heart",
    "mets_blood_pressure": "statins_and_heart",
    "mets_glucose": "prediabetes_and_type2",
}
NEEDED = 3
ALWAYS_OFFERED = "metabolic_syndrome"
MAX_BUTTONS = 3


def counts(tracker: Tracker) -> Dict[Text, int]:
    answers = [tracker.get_slot(slot) for slot in CRITERIA]
    return {value: answers.count(value) for value in (YES, NO, UNKNOWN)}


def outcome_response(yes: int, unknown: int) -> Text:
    """Which reading of the count applies under the US criteria."""
    if yes >= NEEDED:
        return "utter_mets_three_or_more"
    if yes + unknown >= NEEDED:
        return "utter_mets_could_be"
    return "utter_mets_under_three"


def topic_buttons(tracker: Tracker) -> List[Dict[Text, Text]]:
    """The metabolic-syndrome topic, then the topics of the criteria answered yes."""
    ids = [ALWAYS_OFFERED] + [CRITERIA[slot] for slot in CRITERIA if tracker.get_slot(slot) == YES]
    topics = all_topics()
    unique = [topic_id for topic_id in dict.fromkeys(ids) if topic_id in topics]
    return [topic_button(topics[topic_id]) for topic_id in unique[:MAX_BUTTONS]]


class ActionMetabolicChecklistResult(Action):
    def name(self) -> Text:
        return "action_metabolic_checklist_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        found = counts(tracker)
        dispatcher.utter_message(
            response="utter_mets_count", yes=found[YES], unknown=found[UNKNOWN], no=found[NO]
        )
        dispatcher.utter_message(response=outcome_response(found[YES], found[UNKNOWN]))
        dispatcher.utter_message(response="utter_mets_topics", buttons=topic_buttons(tracker))
        return [SlotSet(slot, None) for slot in CRITERIA]
