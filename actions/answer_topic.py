"""Answers any topic intent from its content file."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_library import DISCLAIMER_LINE, find_topic, group_buttons, topic_button

RELATED_PROMPT = "You may also want to read:"


class ActionAnswerTopic(Action):
    """The answer, then up to two related strategies as buttons, then the disclaimer line."""

    def name(self) -> Text:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic = find_topic(tracker.get_intent_of_latest_message())
        if topic is None:
            # Only reachable if a story or rule calls this action after a non-topic intent.
            dispatcher.utter_message(response="utter_default", buttons=group_buttons())
            return []

        dispatcher.utter_message(text=f"{topic.answer}\n\n{topic.sources_line}")
        related = [find_topic(topic_id) for topic_id in topic.related]
        buttons = [topic_button(related_topic) for related_topic in related if related_topic]
        if buttons:
            dispatcher.utter_message(text=RELATED_PROMPT, buttons=buttons)
        dispatcher.utter_message(response=DISCLAIMER_LINE)
        return [SlotSet("topic", topic.id)]
