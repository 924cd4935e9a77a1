"""When the assistant cannot place a message: it offers its best guesses, never guesses.

First miss: the three most likely topics as buttons, plus "Something else". A second miss
in a row: the topic menu, a pointer to a healthcare provider and, when the deployer set
one, the care team's contact (actions/human_contact.py). A message with no
ranking at all (empty, only emoji) goes straight to the menu.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.human_contact import offer_care_team
from actions.topic_library import all_topics, group_buttons, topic_button

MAX_GUESSES = 3
SOMETHING_ELSE = {"title": "Something else", "payload": "/help"}


def topic_guesses(ranking: List[Dict[Text, Any]], leave_out: Optional[Text] = None) -> List[Text]:
    """The best topics of a ranking, at most MAX_GUESSES, without `leave_out`."""
    names = [item.get("name") for item in ranking or []]
    return [name for name in names if name in all_topics() and name != leave_out][:MAX_GUESSES]


def likely_topic_ids(tracker: Tracker) -> List[Text]:
    return topic_guesses(tracker.latest_message.get("intent_ranking"))


def previous_action(tracker: Tracker) -> Optional[Text]:
    """The last action the bot ran before the latest user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


class ActionDefaultFallback(Action):
    def name(self) -> Text:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        guesses = likely_topic_ids(tracker)
        if previous_action(tracker) == self.name() or not guesses:
            dispatcher.utter_message(response="utter_default", buttons=group_buttons())
            if guesses:
                dispatcher.utter_message(response="utter_ask_a_provider")
                # A second miss in a row: a person may help where the topics did not.
                offer_care_team(dispatcher)
        else:
            buttons = [topic_button(all_topics()[topic_id]) for topic_id in guesses]
            dispatcher.utter_message(
                response="utter_did_you_mean", buttons=buttons + [SOMETHING_ELSE]
            )
        # Forget the unplaced message so it does not steer the next prediction.
        return [UserUtteranceReverted()]
