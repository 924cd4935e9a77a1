"""Slack: replies in mrkdwn blocks with real buttons, requests checked with Slack's signature.

Built on Rasa's Slack channel (same URL, /webhooks/slack/webhook, same signature check
and conversation granularity). Differences: a reply is one message of mrkdwn section
blocks (each under Slack's 3000-character block limit) instead of a message per
paragraph, **bold** becomes *bold*, the buttons follow in an actions block, the URL
verification answer is the plain challenge Slack asks for, and a request with a bad or
stale signature gets HTTP 401.
"""

from __future__ import annotations

import asyncio
import json
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from server.channels import numbered_replies
from server.channels.conversation_keys import key_for
from server.channels.config import is_configured, not_configured_blueprint, optional_text
from server.channels.formatting import shorten, split_text, to_slack_mrkdwn, with_numbered_options
from server.channels.replies import OneReplyPath

logger = logging.getLogger(__name__)

MAX_SECTION_CHARS = 3000
MAX_MESSAGE_CHARS = 40000
MAX_BLOCKS = 50
MAX_BUTTONS_PER_BLOCK = 25
MAX_BUTTON_TITLE_CHARS = 75
MAX_BUTTON_VALUE_CHARS = 2000
REQUIRED = ("slack_token", "slack_signing_secret")


def _action_blocks(buttons: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    elements = [
        {
            "type": "button",
            "text": {
                "type": "plain_text",
                "text": shorten(str(button.get("title", "")), MAX_BUTTON_TITLE_CHARS),
            },
            "value": str(button.get("payload", "")),
        }
        for button in buttons
    ]
    return [
        {"type": "actions", "elements": elements[start : start + MAX_BUTTONS_PER_BLOCK]}
        for start in range(0, len(elements), MAX_BUTTONS_PER_BLOCK)
    ]


def buttons_fit(buttons: List[Dict[Text, Any]]) -> bool:
    values_fit = all(
        len(str(button.get("payload", ""))) <= MAX_BUTTON_VALUE_CHARS for button in buttons
    )
    return values_fit and len(_action_blocks(buttons)) < MAX_BLOCKS


def slack_messages(
    text: Text, buttons: Optional[List[Dict[Text, Any]]] = None
) -> List[Dict[Text, Any]]:
    """The chat.postMessage arguments (text and blocks) that carry one reply.

    The text is cut into section blocks under 3000 characters; sections share a message
    while it stays under 40000 characters and 50 blocks. Buttons go in the last message.
    """
    buttons = buttons or []
    if buttons and not buttons_fit(buttons):
        text, buttons = with_numbered_options(text, buttons), []
    actions = _action_blocks(buttons)
    sections = split_text(text, MAX_SECTION_CHARS, to_slack_mrkdwn)
    if not sections and actions:
        sections = ["Choose one:"]
    messages: List[List[Text]] = []
    for section in sections:
        current = messages[-1] if messages else None
        if current is not None and (
            len(current) + 1 < MAX_BLOCKS - len(actions)
            and sum(map(len, current)) + len(section) + 2 * len(current) <= MAX_MESSAGE_CHARS
        ):
            current.append(section)
        else:
            messages.append([section])
    result = []
    for index, message in enumerate(messages):
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": part}} for part in message]
        if index == len(messages) - 1:
            blocks.extend(actions)
        result.append({"text": "\n\n".join(message), "blocks": blocks})
    return result


def event_metadata(body: Dict[Text, Any]) -> Dict[Text, Any]:
    """Where to answer an Events API message: channel, thread and the app's own user ids."""
    event = body.get("event") or {}
    users = list(body.get("authed_users") or [])
    if not users and body.get("authorizations"):
        users = [body["authorizations"][0].get("user_id")]
    return {
        "out_channel": event.get("channel"),
        "thread_id": event.get("thread_ts", event.get("ts")),
        "users": users,
    }


def interaction_metadata(payload: Dict[Text, Any]) -> Dict[Text, Any]:
    """Where to answer a button click: the channel and thread of the message clicked."""
    message = payload.get("message") or {}
    user = (payload.get("user") or {}).get("id")
    return {
        "out_channel": (payload.get("channel") or {}).get("id"),
        "thread_id": message.get("thread_ts", message.get("ts")),
        "users": [user] if user else [],
    }


class SlackReplies(OneReplyPath, SlackBot):
    """Posts replies through the Web API at `api_base_url` (Slack's by default)."""

    def __init__(
        self,
        token: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
        api_base_url: Optional[Text] = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_base_url:
            self.client = AsyncWebClient(
                token, proxy=proxy, base_url=api_base_url.rstrip("/") + "/"
            )

    async def send_reply(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]]
    ) -> None:
        for message in slack_messages(text, buttons):
            await self._post_message(channel=self.slack_channel or recipient_id, **message)


class SlackChannel(SlackInput):
    """The Slack entry of credentials.yml: slack_token and slack_signing_secret."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            slack_token=optional_text(credentials, "slack_token") or "",
            slack_channel=optional_text(credentials, "slack_channel"),
            proxy=optional_text(credentials, "proxy"),
            slack_retry_reason_header=credentials.get(
                "slack_retry_reason_header", "x-slack-retry-reason"
            ),
            slack_retry_number_header=credentials.get(
                "slack_retry_number_header", "x-slack-retry-num"
            ),
            errors_ignore_retry=credentials.get("errors_ignore_retry"),
            use_threads=bool(credentials.get("use_threads", False)),
            slack_signing_secret=optional_text(credentials, "slack_signing_secret") or "",
            conversation_granularity=credentials.get("conversation_granularity") or "sender",
            api_base_url=optional_text(credentials, "api_base_url"),
            configured=is_configured(cls.name(), credentials, REQUIRED),
        )

    def __init__(
        self,
        *args: Any,
        api_base_url: Optional[Text] = None,
        configured: bool = True,
        **kwargs: Any,
    ) -> None:
        self.configured = configured
        self.api_base_url = api_base_url
        super().__init__(*args, **kwargs)

    def _validate_credentials(self) -> None:
        if self.configured:
            super()._validate_credentials()

    def get_output_channel(
        self, channel: Optional[Text] = None, thread_id: Optional[Text] = None
    ) -> OutputChannel:
        return SlackReplies(
            self.slack_token,
            channel or self.slack_channel,
            thread_id,
            self.proxy,
            self.api_base_url,
        )

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        sender_id: Optional[Text],
        metadata: Optional[Dict],
    ) -> Any:
        """Answers Slack at once and handles the message in the background.

        Slack retries a request it has no answer to within 3 seconds.
        """
        if request.headers.get(self.retry_num_header) and (
            request.headers.get(self.retry_reason_header) in self.errors_ignore_retry
        ):
            return response.text("", status=HTTPStatus.CREATED, headers={"X-Slack-No-Retry": "1"})
        metadata = metadata or {}
        thread_id = metadata.get("thread_id") if self.use_threads else None
        agent = getattr(request.app.ctx, "agent", None)
        # Keyed `slack:<conversation>`: a REST client cannot name this conversation.
        conversation = key_for("slack", sender_id) if sender_id else sender_id

        async def handle() -> None:
            resolved = await numbered_replies.resolve(agent, conversation, text)
            message = UserMessage(
                resolved,
                self.get_output_channel(metadata.get("out_channel"), thread_id),
                conversation,
                input_channel=self.name(),
                metadata=metadata,
            )
            try:
                await on_new_message(message)
            except Exception as error:
                logger.error("Could not handle a Slack message: %s", type(error).__name__)
                logger.debug("Details", exc_info=True)

        task = asyncio.create_task(handle())
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
        return response.text("")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint(self.name(), REQUIRED)
        webhook = Blueprint("slack_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.json(
                    {"error": "Missing, wrong or stale X-Slack-Signature."}, status=401
                )
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
            if content_type == "application/json":
                return await self._event(request, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                return await self._interaction(request, on_new_message)
            return response.json({"error": "Unsupported content type."}, status=400)

        return webhook

    async def _event(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            body = request.json
        except Exception:  # sanic raises on a body that is not JSON
            body = None
        if not isinstance(body, dict):
            return response.json({"error": "The body must be a Slack event object."}, status=400)
        if body.get("type") == "url_verification":
            return response.text(str(body.get("challenge", "")))
        if not self._is_user_message(body):
            return response.text("Not a user message.")
        metadata = event_metadata(body)
        if not self._is_supported_channel(body, metadata):
            return response.text("Channel not supported.")
        event = body["event"]
        sender = self._get_conversation_id(
            event.get("user", ""), metadata.get("out_channel"), metadata.get("thread_id")
        )
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users"))
        return await self.process_message(request, on_new_message, text, sender, metadata)

    async def _interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload") or "")
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or not self._is_interactive_message(payload):
            return response.json({"error": "Not a supported Slack interaction."}, status=400)
        text = self._get_interactive_response(payload["actions"][0])
        if text is None:
            return response.text("Link button.")
        metadata = interaction_metadata(payload)
        sender = self._get_conversation_id(
            (payload.get("user") or {}).get("id"),
            metadata.get("out_channel"),
            metadata.get("thread_id"),
        )
        return await self.process_message(request, on_new_message, text, sender, metadata)
