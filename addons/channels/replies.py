"""One place where Rasa's text, button and quick-reply calls meet, per channel."""

from __future__ import annotations

from typing import Any, Dict, List, Text


class OneReplyPath:
    """Mixin for output channels: every reply goes through `send_reply`.

    A channel decides in one method how text and buttons fit together (keyboard, blocks,
    quick replies or numbered options). List it before Rasa's output class.
    """

    async def send_reply(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]]
    ) -> None:
        raise NotImplementedError

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_reply(recipient_id, text, [])

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_reply(recipient_id, text, buttons)

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_reply(recipient_id, text, quick_replies)
