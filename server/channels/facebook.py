"""Facebook Messenger: plain-text replies, quick replies, requests checked with the app secret.

In place of Rasa's Facebook channel (same URL, /webhooks/facebook/webhook). Differences:
- signatures: X-Hub-Signature-256 (HMAC-SHA256 of the body with the app secret) is
  checked, X-Hub-Signature (SHA-1) only when Meta sent no SHA-256 one; a bad signature
  gets HTTP 403 instead of a 200;
- every event of a batched delivery is handled, not only the first;
- Messenger shows no Markdown: **bold** is dropped, bullets become "•"; replies are one
  message when they fit in 2000 characters;
- buttons become quick replies (at most 13, titles of at most 20 characters); when a title
  is longer, the options are numbered in the text and the quick replies read "1", "2"...
  so both tapping and typing the number work;
- the Graph API is called off the event loop (the fbmessenger client is blocking).
The webhook's flow is server/channels/webhook.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from typing import Any, Dict, List, Optional, Text, Union

from fbmessenger import MessengerClient
from rasa.core.channels.channel import InputChannel
from rasa.core.channels.facebook import MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels.config import is_configured, optional_text
from server.channels.formatting import (
    BUTTONS_ONLY_TEXT,
    option_number,
    split_text,
    to_plain,
    with_numbered_options,
)
from server.channels.replies import OneReplyPath
from server.channels.webhook import Inbound, WebhookChannel, bad_request, json_body

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE_CHARS = 20
MAX_QUICK_REPLY_PAYLOAD_CHARS = 1000
GRAPH_API_URL = "https://graph.facebook.com"
GRAPH_API_VERSION = "21.0"
REQUIRED = ("verify", "secret", "page-access-token")


def messenger_messages(
    text: Text, buttons: Optional[List[Dict[Text, Any]]] = None
) -> List[Dict[Text, Any]]:
    """The Send API `message` objects that carry one reply, quick replies on the last."""
    buttons = buttons or []
    payloads = [str(button.get("payload", "")) for button in buttons]
    titles = [str(button.get("title", "")) for button in buttons]
    can_quick_reply = len(buttons) <= MAX_QUICK_REPLIES and all(
        0 < len(payload) <= MAX_QUICK_REPLY_PAYLOAD_CHARS for payload in payloads
    )
    if (
        buttons
        and can_quick_reply
        and all(0 < len(title) <= MAX_QUICK_REPLY_TITLE_CHARS for title in titles)
    ):
        labels = titles
    else:
        if buttons:
            text = with_numbered_options(text, buttons)
        labels = [str(option_number(button, n)) for n, button in enumerate(buttons, 1)]
    quick_replies = (
        [
            {"content_type": "text", "title": label, "payload": payload}
            for label, payload in zip(labels, payloads)
        ]
        if can_quick_reply
        else []
    )
    messages: List[Dict[Text, Any]] = [
        {"text": chunk} for chunk in split_text(text, MAX_MESSAGE_CHARS, to_plain)
    ]
    if quick_replies:
        if not messages:
            messages = [{"text": BUTTONS_ONLY_TEXT}]
        messages[-1]["quick_replies"] = quick_replies
    return messages


def user_messages(body: Dict[Text, Any]) -> List[Inbound]:
    """Each user message or tap in a webhook delivery, in order.

    A tapped quick reply or postback gives its payload; an attachment (photo, voice,
    sticker) gives "" so the assistant answers with its "try asking in a few words" reply.
    Echoes of the page's own messages, deliveries and reads are skipped.
    """
    found = []
    for entry in body.get("entry") or []:
        for event in (entry or {}).get("messaging") or []:
            sender = str(((event or {}).get("sender") or {}).get("id") or "")
            if not sender:
                continue
            message = event.get("message")
            postback = event.get("postback")
            if isinstance(message, dict) and not message.get("is_echo"):
                quick_reply = (message.get("quick_reply") or {}).get("payload")
                text = quick_reply or message.get("text") or ""
            elif isinstance(postback, dict):
                text = postback.get("payload") or postback.get("title") or ""
            else:
                continue
            found.append(Inbound(sender, str(text)))
    return found


def valid_signature(app_secret: Text, body: bytes, sha256_header: Text, sha1_header: Text) -> bool:
    """Checks the signature Meta puts on a webhook request, as Meta computes it."""
    if sha256_header:
        return _signature_matches(app_secret, body, sha256_header, "sha256")
    if sha1_header:
        return _signature_matches(app_secret, body, sha1_header, "sha1")
    return False


def _signature_matches(app_secret: Text, body: bytes, header: Text, algorithm: Text) -> bool:
    prefix = f"{algorithm}="
    if not header.startswith(prefix):
        return False
    expected = hmac.new(app_secret.encode("utf-8"), body, getattr(hashlib, algorithm)).hexdigest()
    return hmac.compare_digest(expected, header[len(prefix) :])


class MessengerReplies(OneReplyPath, MessengerBot):
    """Sends through the Graph API at the client's graph_url, off the event loop."""

    async def _send_payload(self, recipient_id: Text, payload: Dict[Text, Any]) -> None:
        result = await asyncio.to_thread(
            self.messenger_client.send, payload, recipient_id, "RESPONSE"
        )
        if isinstance(result, dict) and result.get("error"):
            error = result["error"]
            logger.error(
                "Messenger refused a reply: code %s, %s", error.get("code"), error.get("type")
            )

    async def send_reply(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]]
    ) -> None:
        for message in messenger_messages(text, buttons):
            await self._send_payload(recipient_id, message)

    async def send_action(self, recipient_id: Text, sender_action: Text) -> None:
        await asyncio.to_thread(self.messenger_client.send_action, sender_action, recipient_id)


class FacebookChannel(WebhookChannel):
    """The facebook entry of credentials.yml: verify, secret, page-access-token."""

    required = REQUIRED
    blueprint_name = "fb_webhook"
    service = "Messenger"
    refusal_status = 403
    refusal_error = "Missing or wrong X-Hub-Signature-256."

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        configured = is_configured(cls.name(), credentials, REQUIRED)
        return cls(
            optional_text(credentials, "verify") or "",
            optional_text(credentials, "secret") or "",
            optional_text(credentials, "page-access-token") or "",
            api_base_url=optional_text(credentials, "api_base_url") or GRAPH_API_URL,
            api_version=optional_text(credentials, "api_version") or GRAPH_API_VERSION,
            configured=configured,
        )

    def __init__(
        self,
        fb_verify: Text,
        fb_secret: Text,
        fb_access_token: Text,
        api_base_url: Text = GRAPH_API_URL,
        api_version: Text = GRAPH_API_VERSION,
        configured: bool = True,
    ) -> None:
        self.fb_verify = fb_verify
        self.fb_secret = fb_secret
        self.fb_access_token = fb_access_token
        self.graph_url = f"{api_base_url.rstrip('/')}/v{api_version.lstrip('v')}"
        self.configured = configured

    def get_output_channel(self) -> MessengerReplies:
        client = MessengerClient(self.fb_access_token)
        client.graph_url = self.graph_url
        return MessengerReplies(client)

    def is_authentic(self, request: Request) -> bool:
        return valid_signature(
            self.fb_secret,
            request.body,
            request.headers.get("X-Hub-Signature-256", ""),
            request.headers.get("X-Hub-Signature", ""),
        )

    async def parse(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        body = json_body(request)
        if body is None:
            return bad_request("The body must be a Messenger webhook event.")
        return user_messages(body)

    async def before_answering(self, inbound: Inbound, output: MessengerReplies) -> None:
        await output.send_action(inbound.sender, "mark_seen")
        await output.send_action(inbound.sender, "typing_on")

    def add_to_blueprint(self, webhook: Blueprint) -> None:
        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            # Meta's subscription check: echo hub.challenge if the verify token matches.
            token = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                token.encode("utf-8"), self.fb_verify.encode("utf-8")
            ):
                return response.text(request.args.get("hub.challenge") or "")
            return response.json({"error": "Wrong hub.verify_token."}, status=403)
