"""Confirms "forget me"; the Rasa server's tracker store does the deleting.

The action server cannot reach the tracker store safely: Rasa would write the whole
conversation back when it saves the turn. So this action only sends the confirmation,
and server.store.conversation_store.ConversationStore deletes every event of the conversation
instead of saving it when a turn ran this action and sent this confirmation
(server/store/forget.py). If this action cannot run, nothing is deleted and the user
gets the service-unavailable apology, never a false confirmation.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from common.names import FORGET_ACTION, FORGET_CONFIRMATION as CONFIRMATION


class ActionForgetMe(Action):
    def name(self) -> Text:
        return FORGET_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response=CONFIRMATION)
        return []
