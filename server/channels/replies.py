"""One place where Rasa's text, button and quick-reply calls meet, per channel."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from server.channels.conversation_keys import address_of
from server.channels.numbered_replies import number_buttons


class OneReplyPath:
    """Mixin for output channels: every reply goes through `send_reply`.

    A channel decides in one method how text and buttons fit together (keyboard, blocks,
    quick replies or numbered options). List it before Rasa's output class. Buttons reach
    it numbered in the assistant's turn (server/channels/numbered_replies.py).
    Rasa names the recipient by the conversation key (`telegram:<chat id>`...): the
    service gets its own id back (server/channels/conversation_keys.py).
    """

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await super().send_response(address_of(recipient_id), message)  # type: ignore[misc]

    async def send_reply(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]]
    ) -> None:
        raise NotImplementedError

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_reply(recipient_id, text, [])

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_reply(recipient_id, text, number_buttons(buttons))

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_reply(recipient_id, text, number_buttons(quick_replies))
