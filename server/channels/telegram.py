"""Telegram: replies in Telegram's HTML, buttons as an inline keyboard, signed webhooks.

Rasa's own Telegram channel asks Telegram who the bot is (getMe) on every message and
sends each paragraph as its own message. This one checks the secret token Telegram puts
on every webhook request (X-Telegram-Bot-Api-Secret-Token, set with setWebhook at
start-up), sends a reply as one message when it fits in 4096 characters, and answers
button taps so the client stops its spinner. Same URL: /webhooks/telegram/webhook.
The webhook's flow is server/channels/webhook.py.
"""

from __future__ import annotations

import hmac
import json
from functools import cached_property
from typing import Any, Dict, List, Optional, Text, Tuple, Union

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import InputChannel, OutputChannel
from rasa.core.channels.telegram import TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels.config import is_configured, optional_text
from server.channels.formatting import (
    BUTTONS_ONLY_TEXT,
    split_text,
    to_telegram_html,
    with_numbered_options,
)
from server.channels.replies import OneReplyPath
from server.channels.webhook import Inbound, WebhookChannel, bad_request, json_body, quietly

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
            chunks = chunks or [BUTTONS_ONLY_TEXT]
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


class TelegramChannel(WebhookChannel):
    """The Telegram entry of credentials.yml: access_token, webhook_url, secret_token."""

    required = REQUIRED
    blueprint_name = "telegram_webhook"
    service = "Telegram"
    refusal_status = 401
    refusal_error = f"Missing or wrong {SECRET_HEADER}."

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
        self.access_token = access_token
        self.webhook_url = webhook_url
        self.secret_token = secret_token or ""
        self.api_base_url = api_base_url
        self.configured = configured

    def get_output_channel(self) -> TelegramReplies:
        # No network call here: the webhook is registered once the server runs.
        return TelegramReplies(self.access_token, self.api_base_url)

    @cached_property
    def replies(self) -> TelegramReplies:
        """The webhook's one output channel: its HTTP session lasts as long as the server."""
        return self.get_output_channel()

    def output_channel_for(self, inbound: Inbound) -> OutputChannel:
        return self.replies

    def is_authentic(self, request: Request) -> bool:
        token = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(token.encode("utf-8"), self.secret_token.encode("utf-8"))

    async def parse(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        update = json_body(request)
        if update is None:
            return bad_request("The body must be a Telegram Update object.")
        chat_id, text, callback_id = parse_update(update)
        if callback_id:
            await quietly(
                self.replies.answer_callback_query(callback_id), "answer a button tap", self.logger
            )
        if chat_id is None:
            return response.text("ignored")
        return [Inbound(chat_id, text)]

    def add_to_blueprint(self, webhook: Blueprint) -> None:
        @webhook.listener("after_server_start")
        async def register_webhook(*_: Any) -> None:
            await self.register_webhook()

        @webhook.listener("before_server_stop")
        async def close_session(*_: Any) -> None:
            await self.replies.session.close()

    async def register_webhook(self) -> None:
        """Tells Telegram where to post updates, and the secret to post them with."""
        data = {
            "url": self.webhook_url,
            "secret_token": self.secret_token,
            "allowed_updates": json.dumps(ALLOWED_UPDATES),
        }
        registered = await quietly(
            self.replies.request("setWebhook", data), "register the Telegram webhook", self.logger
        )
        if registered:
            self.logger.info("Telegram webhook registered.")
