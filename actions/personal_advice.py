"""After the refusal of personal medical advice: a button to the general facts that fit.

The refusal and the disclaimer line are responses in the rule (data/rules/safety.yml), so
they are said even when the action server is down; only this offer needs it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_library import all_topics, topic_button
from actions.topic_words import closest_topic_by_words

# A topic this far down the ranking still tells which general facts fit the question.
MIN_TOPIC_CONFIDENCE = 0.02


def closest_topic_id(tracker: Tracker) -> Optional[Text]:
    """The best-ranked topic intent of the latest message if plausible, else by its words."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    for item in ranking:
        if item.get("name") in all_topics() and item.get("confidence", 0) >= MIN_TOPIC_CONFIDENCE:
            return item["name"]
    return closest_topic_by_words(tracker.latest_message.get("text") or "")


class ActionOfferGeneralFacts(Action):
    def name(self) -> Text:
        return "action_offer_general_facts"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic_id = closest_topic_id(tracker)
        if topic_id:
            dispatcher.utter_message(
                response="utter_general_facts_offer", buttons=[topic_button(all_topics()[topic_id])]
            )
        return []
