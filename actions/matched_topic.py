"""After the other-language reply: the topic the message still names, as a button.

The reply itself is a response in the rule (data/rules/skills.yml). The language detector
keeps the classifier's ranking below `other_language`; drug names, "NASH", "insulina"
often still point at a topic. Only a clear one is offered, in the message's language
(utter_matched_topic_offer's variations follow the `language` slot).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_library import all_topics, topic_button

# Foreign text scores lower than English; below this the guess is not worth a button.
MIN_CONFIDENCE = 0.5


def matched_topic_id(tracker: Tracker) -> Optional[Text]:
    for item in tracker.latest_message.get("intent_ranking") or []:
        if item.get("name") in all_topics():
            return item["name"] if item.get("confidence", 0) >= MIN_CONFIDENCE else None
    return None


class ActionOfferMatchedTopic(Action):
    def name(self) -> Text:
        return "action_offer_matched_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic_id = matched_topic_id(tracker)
        if topic_id:
            dispatcher.utter_message(
                response="utter_matched_topic_offer", buttons=[topic_button(all_topics()[topic_id])]
            )
        return []
