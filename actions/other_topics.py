"""Repair after a wrong answer: the nearest other topics for the user's last question.

The apology is a response in the rule (data/rules/skills.yml); only this offer needs the
action server. "The last question" is the latest earlier user message that the classifier
ranked topics for; its ranking, minus the topic just answered, gives the offer, as the
fallback's did-you-mean does. With none, the topic menu.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import SOMETHING_ELSE, topic_guesses
from actions.topic_library import all_topics, group_buttons, topic_button


def previous_ranking(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The intent ranking of the latest user message before this one that ranked a topic."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    for event in reversed(users[:-1]):
        ranking = (event.get("parse_data") or {}).get("intent_ranking") or []
        if any(item.get("name") in all_topics() for item in ranking):
            return ranking
    return []


def other_topic_ids(tracker: Tracker, answered: Optional[Text]) -> List[Text]:
    return topic_guesses(previous_ranking(tracker), leave_out=answered)


class ActionOfferOtherTopics(Action):
    def name(self) -> Text:
        return "action_offer_other_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        others = other_topic_ids(tracker, tracker.get_slot("topic"))
        if others:
            buttons = [topic_button(all_topics()[topic_id]) for topic_id in others]
            dispatcher.utter_message(response="utter_other_topics_offer", buttons=buttons + [SOMETHING_ELSE])
        else:
            dispatcher.utter_message(response="utter_topic_menu", buttons=group_buttons())
        return []
