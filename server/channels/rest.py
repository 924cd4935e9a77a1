"""Rasa's REST channel with the request checked before it reaches the bot.

Rasa's own RestInput answers a body that is not a JSON object with a server error
or an empty 200. This one keeps the same URL (/webhooks/rest/webhook) and replies,
and answers with HTTP 400 and a message that says what to send:
- a malformed request;
- a message over 1,000 characters, or metadata over the caps of server/channels/limits.py
  (what Socket.IO refuses too);
- a sender id with another channel's prefix (`telegram:`, `whatsapp:`...): it would name
  that person's conversation (server/channels/conversation_keys.py).
A REST conversation is stored under the sender id the client sent.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels import limits
from server.channels.conversation_keys import refusal, reserved_prefix

MAX_SENDER_CHARS = 128
USAGE = 'Send a JSON object like {"sender": "user-123", "message": "what is MASLD?"}.'


def parse_body(request: Request) -> Tuple[Optional[Dict[Text, Any]], Optional[Text]]:
    """The checked fields of the request, or the reason it cannot be used."""
    try:
        body = request.json
    except Exception:  # sanic raises on a body that is not JSON
        return None, "The body is not valid JSON. " + USAGE
    if not isinstance(body, dict):
        return None, "The body must be a JSON object. " + USAGE
    message = body.get("message")
    if message is None:
        message = ""
    if not isinstance(message, str):
        return None, "'message' must be text. " + USAGE
    if limits.message_too_long(message):
        return None, limits.TOO_LONG
    sender = body.get("sender", "default")
    if not isinstance(sender, (str, int)) or not str(sender).strip():
        return None, "'sender' must be a non-empty text or number. " + USAGE
    if len(str(sender)) > MAX_SENDER_CHARS:
        return None, f"'sender' is longer than {MAX_SENDER_CHARS} characters."
    prefix = reserved_prefix(sender)
    if prefix:
        return None, refusal(prefix)
    metadata = body.get("metadata")
    problem = limits.metadata_problem(metadata)
    if problem:
        return None, limits.METADATA_PROBLEMS[problem]
    return {"sender": str(sender), "message": message, "metadata": metadata}, None


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        webhook = Blueprint("checked_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            fields, problem = parse_body(request)
            if problem:
                return response.json({"error": problem}, status=400)
            message = self.user_message(request, fields, CollectingOutputChannel())
            return await self.deliver(request, message, on_new_message)

        return webhook

    def user_message(
        self, request: Request, fields: Dict[Text, Any], collector: CollectingOutputChannel
    ) -> UserMessage:
        return UserMessage(
            fields["message"],
            collector,
            fields["sender"],
            input_channel=self.name(),
            metadata=fields["metadata"],
        )

    async def deliver(
        self,
        request: Request,
        message: UserMessage,
        on_new_message: Callable[[UserMessage], Awaitable[None]],
    ) -> HTTPResponse:
        """Hands the message to Rasa and answers with what the assistant said."""
        await on_new_message(message)
        return response.json(message.output_channel.messages)
