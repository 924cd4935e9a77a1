"""The webhook every messaging channel runs: verify, parse, dispatch, reply.

Telegram, Slack, Messenger and Twilio each post one signed HTTP request per event and
want a quick HTTP answer. `WebhookChannel` owns that flow and what the four share:
- the URLs: GET /webhooks/<name>/ (health) and POST /webhooks/<name>/webhook; an entry
  left empty in credentials.yml serves the 503 "not configured" URLs instead (config.py);
- a request that fails the service's check is refused before its body is parsed;
- each message goes to the conversation keyed with the channel's prefix
  (conversation_keys.py), and a typed number to the option it names (numbered_replies.py);
- a message the assistant fails on is logged by the error's type, never with its text,
  and the service still gets its answer (else it would resend the request).
A channel module adds only its own parts: credentials, the check, reading the request,
the output channel (replies.py) and the answer the service expects.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple, Union

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels import numbered_replies
from server.channels.config import not_configured_blueprint
from server.channels.conversation_keys import key_for

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@dataclass(frozen=True)
class Inbound:
    """One user message read from a service's request."""

    sender: Text  # the service's id for the person: the conversation key is made from it
    text: Text  # what the user typed ("" for a photo or sticker), or the tapped payload
    metadata: Optional[Dict[Text, Any]] = None  # stored with the message


def json_body(request: Request) -> Optional[Dict[Text, Any]]:
    """The request's JSON object, or None when the body is not one."""
    try:
        body = request.json
    except Exception:  # sanic raises on a body that is not JSON
        return None
    return body if isinstance(body, dict) else None


def bad_request(error: Text) -> HTTPResponse:
    return response.json({"error": error}, status=400)


async def quietly(call: Awaitable[Any], what: Text, logger: logging.Logger) -> Any:
    """The call's result, or None after logging why it failed (without message text)."""
    try:
        return await call
    except Exception as error:
        logger.error("Could not %s: %s", what, type(error).__name__)
        logger.debug("Details", exc_info=True)
        return None


class WebhookChannel(InputChannel):
    """A messaging service's webhook; subclasses fill in the service's parts below."""

    # The entry's fields in credentials.yml: all filled, or none (the channel is off).
    required: Tuple[Text, ...] = ()
    # Rasa's own blueprint name for the service, kept.
    blueprint_name: Text = ""
    # The service as log lines name it: "Could not handle a Telegram message".
    service: Text = ""
    # What a request that fails `is_authentic` gets.
    refusal_status: int = 403
    refusal_error: Text = ""
    configured: bool = True

    @property
    def logger(self) -> logging.Logger:
        # The channel module's logger: log lines keep naming the service's module.
        return logging.getLogger(type(self).__module__)

    # The service's parts.

    def is_authentic(self, request: Request) -> bool:
        """True if the request carries the service's valid signature or secret."""
        raise NotImplementedError

    async def parse(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        """The user messages in the request, or the answer to give at once instead
        (a malformed body, a check the service makes, an event that is not a message)."""
        raise NotImplementedError

    def acknowledgement(self) -> HTTPResponse:
        """The answer that tells the service its request was handled."""
        return response.text("success")

    def conversation_key(self, sender: Text) -> Text:
        return key_for(self.name(), sender)

    def output_channel_for(self, inbound: Inbound) -> OutputChannel:
        """Where the replies to this message go."""
        return self.get_output_channel()

    async def before_answering(self, inbound: Inbound, output: OutputChannel) -> None:
        """What the service shows while the assistant thinks (nothing by default)."""

    def add_to_blueprint(self, webhook: Blueprint) -> None:
        """The service's own routes and start-up or shut-down steps (none by default)."""

    # The flow.

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint(self.name(), self.required)
        webhook = Blueprint(self.blueprint_name, __name__)
        self.add_to_blueprint(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.receive(request, on_new_message)

        return webhook

    async def receive(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        if not self.is_authentic(request):
            return response.json({"error": self.refusal_error}, status=self.refusal_status)
        parsed = await self.parse(request)
        if isinstance(parsed, HTTPResponse):
            return parsed
        agent = getattr(request.app.ctx, "agent", None)
        for inbound in parsed:
            await self.dispatch(agent, inbound, on_new_message)
        return self.acknowledgement()

    async def dispatch(self, agent: Any, inbound: Inbound, on_new_message: OnNewMessage) -> None:
        """Hands one message to the assistant; a failure is logged, not raised, so the
        next message of the request is still handled and the service gets its answer."""
        await quietly(
            self.handle(agent, inbound, on_new_message),
            f"handle a {self.service} message",
            self.logger,
        )

    async def handle(self, agent: Any, inbound: Inbound, on_new_message: OnNewMessage) -> None:
        output = self.output_channel_for(inbound)
        await self.before_answering(inbound, output)
        # Keyed with the channel's prefix: a REST client cannot name this conversation.
        conversation = self.conversation_key(inbound.sender)
        text = await numbered_replies.resolve(agent, conversation, inbound.text)
        # The replies' options are numbered across the turn, as `resolve` reads them back.
        numbered_replies.new_turn()
        await on_new_message(
            UserMessage(
                text,
                output,
                conversation,
                input_channel=self.name(),
                metadata=inbound.metadata,
            )
        )
