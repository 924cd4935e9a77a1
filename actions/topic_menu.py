"""The help menu: the topic groups, or the topics of the group the user picked."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_library import group_buttons, topic_button, topics_in_group
from addons.content import GROUPS


class ActionShowTopicMenu(Action):
    def name(self) -> Text:
        return "action_show_topic_menu"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        group = next(tracker.get_latest_entity_values("menu_group"), None)
        topics = topics_in_group(group) if group in GROUPS else []
        if topics:
            dispatcher.utter_message(
                text=f"{GROUPS[group]}: pick a topic.",
                buttons=[topic_button(topic) for topic in topics],
            )
            return []

        intro = (
            "utter_out_of_scope"
            if tracker.get_intent_of_latest_message() == "out_of_scope"
            else "utter_menu_intro"
        )
        dispatcher.utter_message(response=intro, buttons=group_buttons())
        return []
