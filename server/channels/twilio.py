"""Twilio (WhatsApp and SMS): numbered options, *bold* on WhatsApp, signed form posts.

Built on Rasa's Twilio channel (same URL, /webhooks/twilio/webhook). Differences:
- every request must carry a valid X-Twilio-Signature (HMAC-SHA1 of the webhook URL and
  the form fields with the auth token, checked with Twilio's RequestValidator); else 403;
- neither WhatsApp nor SMS shows buttons: they become a numbered list, and a reply such
  as "2" is mapped back to the second option (server.channels.numbered_replies);
- WhatsApp gets *bold*, SMS plain text; a reply is one message when it fits in Twilio's
  1600-character body limit (or the lower `max_message_chars`), else split at paragraphs;
- the Messages API is called with Twilio's asynchronous HTTP client, so a slow send does
  not hold up other conversations.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator

from server.channels import numbered_replies
from server.channels.conversation_keys import twilio_key
from server.channels.config import is_configured, not_configured_blueprint, optional_text
from server.channels.formatting import split_text, to_plain, to_whatsapp, with_numbered_options
from server.channels.replies import OneReplyPath

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


class TwilioChannel(TwilioInput):
    """The twilio entry of credentials.yml: account_sid, auth_token, twilio_number."""

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
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
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

    def is_from_twilio(self, request: Request) -> bool:
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

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint(self.name(), REQUIRED)
        webhook = Blueprint("twilio_webhook", __name__)

        @webhook.listener("before_server_stop")
        async def close_http_client(*_: Any) -> None:
            if self._http_client is not None:
                await self._http_client.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.is_from_twilio(request):
                return response.json({"error": "Missing or wrong X-Twilio-Signature."}, status=403)
            sender = request.form.get("From")
            if not sender:
                return response.json({"error": "The form has no From field."}, status=400)
            # A photo, voice note or location has no Body: answered as an empty message.
            # Some carriers turn @ into ¡ in SMS.
            text = (request.form.get("Body") or "").replace("¡", "@")
            # Keyed `whatsapp:+...` or `sms:+...`: a REST client cannot name it.
            conversation = twilio_key(sender)
            text = await numbered_replies.resolve(
                getattr(request.app.ctx, "agent", None), conversation, text
            )
            message = UserMessage(
                text,
                self.get_output_channel(),
                conversation,
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
            try:
                await on_new_message(message)
            except Exception as error:
                logger.error("Could not handle a Twilio message: %s", type(error).__name__)
                logger.debug("Details", exc_info=True)
            return response.empty()

        return webhook
