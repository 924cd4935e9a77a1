"""Telegram: replies in Telegram's HTML, buttons as an inline keyboard, signed webhooks.

Rasa's own Telegram channel asks Telegram who the bot is (getMe) on every message and
sends each paragraph as its own message. This one checks the secret token Telegram puts
on every webhook request (X-Telegram-Bot-Api-Secret-Token, set with setWebhook at
start-up), sends a reply as one message when it fits in 4096 characters, and answers
button taps so the client stops its spinner. Same URL: /webhooks/telegram/webhook.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels import numbered_replies
from server.channels.conversation_keys import key_for
from server.channels.config import is_configured, not_configured_blueprint, optional_text
from server.channels.formatting import split_text, to_telegram_html, with_numbered_options
from server.channels.replies import OneReplyPath

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4096
MAX_CALLBACK_DATA_BYTES = 64
REQUIRED = ("access_token", "webhook_url", "secret_token")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
# Telegram clients send /start when a user opens the bot for the first time.
COMMANDS = {"/start": "/greet"}


class TelegramReplies(OneReplyPath, TelegramOutput):
    """Sends replies through the Bot API at `api_base_url` (Telegram's by default)."""

    def __init__(self, access_token: Text, api_base_url: Optional[Text] = None) -> None:
        server = TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)

    async def send_reply(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]]
    ) -> None:
        payloads = [str(button.get("payload", "")) for button in buttons]
        if any(len(payload.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES for payload in payloads):
            # Telegram refuses callback data over 64 bytes: offer numbered options instead.
            text, buttons = with_numbered_options(text, buttons), []
        chunks = split_text(text, MAX_MESSAGE_CHARS, to_telegram_html)
        keyboard = None
        if buttons:
            keyboard = InlineKeyboardMarkup()
            for button, payload in zip(buttons, payloads):
                # One button a row: topic titles are too long to sit side by side.
                keyboard.row(
                    InlineKeyboardButton(button.get("title", payload), callback_data=payload)
                )
            chunks = chunks or ["Choose one:"]
        for index, chunk in enumerate(chunks):
            await self.send_message(
                recipient_id,
                chunk,
                parse_mode="HTML",
                disable_web_page_preview=True,
                reply_markup=keyboard if index == len(chunks) - 1 else None,
            )


def parse_update(update: Dict[Text, Any]) -> Tuple[Optional[Text], Text, Optional[Text]]:
    """The chat id, the user's text and the id of the tapped button's query, if any.

    A message without text (photo, sticker, voice) gives "" so the assistant answers with
    its "try asking in a few words" reply. Updates that are not from a user give no chat.
    """
    callback = update.get("callback_query")
    if isinstance(callback, dict):
        chat = ((callback.get("message") or {}).get("chat") or {}).get("id")
        if chat is None:
            chat = (callback.get("from") or {}).get("id")
        return _text_id(chat), str(callback.get("data") or ""), str(callback.get("id", ""))
    message = update.get("message") or update.get("edited_message")
    if not isinstance(message, dict):
        return None, "", None
    chat = (message.get("chat") or {}).get("id")
    text = message.get("text")
    text = text if isinstance(text, str) else ""
    command = text.split("@", 1)[0].strip()
    return _text_id(chat), COMMANDS.get(command, text), None


def _text_id(value: Any) -> Optional[Text]:
    return None if value is None else str(value)


class TelegramChannel(TelegramInput):
    """The Telegram entry of credentials.yml: access_token, webhook_url, secret_token."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        configured = is_configured(cls.name(), credentials, REQUIRED)
        return cls(
            access_token=optional_text(credentials, "access_token"),
            webhook_url=optional_text(credentials, "webhook_url"),
            secret_token=optional_text(credentials, "secret_token"),
            api_base_url=optional_text(credentials, "api_base_url"),
            configured=configured,
        )

    def __init__(
        self,
        access_token: Optional[Text],
        webhook_url: Optional[Text],
        secret_token: Optional[Text],
        api_base_url: Optional[Text] = None,
        configured: bool = True,
    ) -> None:
        super().__init__(access_token, None, webhook_url, debug_mode=False)
        self.secret_token = secret_token or ""
        self.api_base_url = api_base_url
        self.configured = configured

    def get_output_channel(self) -> TelegramReplies:
        # No network call here: the webhook is registered once the server runs.
        return TelegramReplies(self.access_token, self.api_base_url)

    def is_from_telegram(self, request: Request) -> bool:
        token = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(token.encode("utf-8"), self.secret_token.encode("utf-8"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint(self.name(), REQUIRED)
        replies = self.get_output_channel()
        webhook = Blueprint("telegram_webhook", __name__)

        @webhook.listener("after_server_start")
        async def register_webhook(*_: Any) -> None:
            await self.register_webhook(replies)

        @webhook.listener("before_server_stop")
        async def close_session(*_: Any) -> None:
            await replies.session.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.is_from_telegram(request):
                return response.json({"error": f"Missing or wrong {SECRET_HEADER}."}, status=401)
            try:
                update = request.json
            except Exception:  # sanic raises on a body that is not JSON
                update = None
            if not isinstance(update, dict):
                return response.json(
                    {"error": "The body must be a Telegram Update object."}, status=400
                )
            chat_id, text, callback_id = parse_update(update)
            if callback_id:
                await _quietly(replies.answer_callback_query(callback_id), "answer a button tap")
            if chat_id is None:
                return response.text("ignored")
            # Keyed `telegram:<chat id>`: a REST client cannot name this conversation.
            conversation = key_for("telegram", chat_id)
            text = await numbered_replies.resolve(
                getattr(request.app.ctx, "agent", None), conversation, text
            )
            message = UserMessage(
                text,
                replies,
                conversation,
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
            # Telegram resends an update until it gets a 200: log a failure, do not loop.
            await _quietly(on_new_message(message), "handle a Telegram message")
            return response.text("success")

        return webhook

    async def register_webhook(self, replies: TelegramReplies) -> None:
        """Tells Telegram where to post updates, and the secret to post them with."""
        data = {
            "url": self.webhook_url,
            "secret_token": self.secret_token,
            "allowed_updates": json.dumps(ALLOWED_UPDATES),
        }
        if await _quietly(replies.request("setWebhook", data), "register the Telegram webhook"):
            logger.info("Telegram webhook registered.")


async def _quietly(call: Awaitable[Any], what: Text) -> Any:
    """The call's result, or None after logging why it failed (without message text)."""
    try:
        return await call
    except Exception as error:
        logger.error("Could not %s: %s", what, type(error).__name__)
        logger.debug("Details", exc_info=True)
        return None
