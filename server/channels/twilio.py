"""Twilio (WhatsApp and SMS): numbered options, *bold* on WhatsApp, signed form posts.

In place of Rasa's Twilio channel (same URL, /webhooks/twilio/webhook). Differences:
- every request must carry a valid X-Twilio-Signature (HMAC-SHA1 of the webhook URL and
  the form fields with the auth token, checked with Twilio's RequestValidator); else 403;
- neither WhatsApp nor SMS shows buttons: they become a numbered list, and a reply such
  as "2" is mapped back to the second option (server.channels.numbered_replies);
- WhatsApp gets *bold*, SMS plain text; a reply is one message when it fits in Twilio's
  1600-character body limit (or the lower `max_message_chars`), else split at paragraphs;
- the Messages API is called with Twilio's asynchronous HTTP client, so a slow send does
  not hold up other conversations.
The webhook's flow is server/channels/webhook.py.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Union
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel
from rasa.core.channels.twilio import TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator

from server.channels.config import is_configured, optional_text
from server.channels.conversation_keys import twilio_key
from server.channels.formatting import split_text, to_plain, to_whatsapp, with_numbered_options
from server.channels.replies import OneReplyPath
from server.channels.webhook import Inbound, WebhookChannel, bad_request

logger = logging.getLogger(__name__)
# Twilio's client logs every request's URL and headers at INFO; keep only its warnings.
http_logger = logging.getLogger(f"{__name__}.http")
http_logger.setLevel(logging.WARNING)

MAX_MESSAGE_CHARS = 1600
MIN_MESSAGE_CHARS = 160
WHATSAPP_PREFIX = "whatsapp:"
REQUIRED = ("account_sid", "auth_token", "twilio_number")
SEND_TIMEOUT_S = 20


def twilio_bodies(
    text: Text,
    buttons: Optional[List[Dict[Text, Any]]],
    whatsapp: bool,
    limit: int = MAX_MESSAGE_CHARS,
) -> List[Text]:
    """The message bodies that carry one reply to a WhatsApp or SMS recipient."""
    if buttons:
        text = with_numbered_options(text, buttons)
    return split_text(text, limit, to_whatsapp if whatsapp else to_plain)


def message_limit(value: Any) -> int:
    """`max_message_chars` from credentials.yml, kept within what Twilio accepts."""
    try:
        limit = int(value)
    except (TypeError, ValueError):
        return MAX_MESSAGE_CHARS
    return max(MIN_MESSAGE_CHARS, min(MAX_MESSAGE_CHARS, limit))


class TwilioReplies(OneReplyPath, TwilioOutput):
    """Sends through the Messages API at `api_base_url` (Twilio's by default)."""

    def __init__(
        self,
        account_sid: Text,
        auth_token: Text,
        twilio_number: Text,
        http_client: AsyncTwilioHttpClient,
        api_base_url: Optional[Text] = None,
        max_message_chars: int = MAX_MESSAGE_CHARS,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        self.http_client = http_client
        if api_base_url:
            self.api.base_url = api_base_url.rstrip("/")
        self.max_message_chars = max_message_chars

    def sender_for(self, recipient_id: Text) -> Text:
        """WhatsApp replies must come from the number's whatsapp: address."""
        number = self.twilio_number or ""
        if recipient_id.startswith(WHATSAPP_PREFIX) and not number.startswith(WHATSAPP_PREFIX):
            return WHATSAPP_PREFIX + number
        return number

    async def send_reply(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]]
    ) -> None:
        whatsapp = recipient_id.startswith(WHATSAPP_PREFIX)
        for body in twilio_bodies(text, buttons, whatsapp, self.max_message_chars):
            try:
                await self.messages.create_async(
                    to=recipient_id, from_=self.sender_for(recipient_id), body=body
                )
            except TwilioRestException as error:
                logger.error("Twilio refused a reply: status %s, code %s", error.status, error.code)


class TwilioChannel(WebhookChannel):
    """The twilio entry of credentials.yml: account_sid, auth_token, twilio_number."""

    required = REQUIRED
    blueprint_name = "twilio_webhook"
    service = "Twilio"
    refusal_status = 403
    refusal_error = "Missing or wrong X-Twilio-Signature."

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        configured = is_configured(cls.name(), credentials, REQUIRED)
        return cls(
            optional_text(credentials, "account_sid"),
            optional_text(credentials, "auth_token"),
            optional_text(credentials, "twilio_number"),
            webhook_url=optional_text(credentials, "webhook_url"),
            api_base_url=optional_text(credentials, "api_base_url"),
            max_message_chars=message_limit((credentials or {}).get("max_message_chars")),
            configured=configured,
        )

    def __init__(
        self,
        account_sid: Optional[Text],
        auth_token: Optional[Text],
        twilio_number: Optional[Text],
        webhook_url: Optional[Text] = None,
        api_base_url: Optional[Text] = None,
        max_message_chars: int = MAX_MESSAGE_CHARS,
        configured: bool = True,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self.webhook_url = webhook_url
        self.api_base_url = api_base_url
        self.max_message_chars = max_message_chars
        self.configured = configured
        self._http_client: Optional[AsyncTwilioHttpClient] = None

    def get_output_channel(self) -> TwilioReplies:
        if self._http_client is None:
            # Made on first use: its connection pool belongs to the server's event loop.
            self._http_client = AsyncTwilioHttpClient(timeout=SEND_TIMEOUT_S, logger=http_logger)
        return TwilioReplies(
            self.account_sid,
            self.auth_token,
            self.twilio_number,
            self._http_client,
            self.api_base_url,
            self.max_message_chars,
        )

    def is_authentic(self, request: Request) -> bool:
        """Checks X-Twilio-Signature against the URL Twilio was told to call.

        Behind a proxy the server sees another URL than Twilio signed: set `webhook_url`.
        """
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature:
            return False
        url = self.webhook_url or request.url
        # Twilio signs empty fields too (a photo comes with Body=""): keep them.
        form = RequestParameters(
            parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        )
        return RequestValidator(self.auth_token).validate(url, form, signature)

    async def parse(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        sender = request.form.get("From")
        if not sender:
            return bad_request("The form has no From field.")
        # A photo, voice note or location has no Body: answered as an empty message.
        # Some carriers turn @ into ¡ in SMS.
        return [Inbound(sender, (request.form.get("Body") or "").replace("¡", "@"))]

    def conversation_key(self, sender: Text) -> Text:
        # `whatsapp:+...` as Twilio names it, or `sms:+...`.
        return twilio_key(sender)

    def acknowledgement(self) -> HTTPResponse:
        return response.empty()

    def add_to_blueprint(self, webhook: Blueprint) -> None:
        @webhook.listener("before_server_stop")
        async def close_http_client(*_: Any) -> None:
            if self._http_client is not None:
                await self._http_client.close()
