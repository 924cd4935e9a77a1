"""Slack: replies in mrkdwn blocks with real buttons, requests checked with Slack's signature.

Built on Rasa's Slack channel (same URL, /webhooks/slack/webhook, same signature check
and conversation granularity). Differences: a reply is one message of mrkdwn section
blocks (each under Slack's 3000-character block limit) instead of a message per
paragraph, **bold** becomes *bold*, the buttons follow in an actions block, the URL
verification answer is the plain challenge Slack asks for, and a request with a bad or
stale signature gets HTTP 401. The webhook's flow is server/channels/webhook.py; Rasa's
SlackInput still gives the signature check, the mention clean-up and the granularity.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus
from typing import Any, Dict, List, Optional, Text, Union

from rasa.core.channels.channel import InputChannel, OutputChannel
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from server.channels.config import is_configured, optional_text
from server.channels.formatting import (
    BUTTONS_ONLY_TEXT,
    shorten,
    split_text,
    to_slack_mrkdwn,
    with_numbered_options,
)
from server.channels.replies import OneReplyPath
from server.channels.webhook import Inbound, OnNewMessage, WebhookChannel, bad_request, json_body

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
        sections = [BUTTONS_ONLY_TEXT]
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


class SlackChannel(WebhookChannel, SlackInput):
    """The Slack entry of credentials.yml: slack_token and slack_signing_secret."""

    required = REQUIRED
    blueprint_name = "slack_webhook"
    service = "Slack"
    refusal_status = 401
    refusal_error = "Missing, wrong or stale X-Slack-Signature."

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

    def output_channel_for(self, inbound: Inbound) -> OutputChannel:
        metadata = inbound.metadata or {}
        thread_id = metadata.get("thread_id") if self.use_threads else None
        return self.get_output_channel(metadata.get("out_channel"), thread_id)

    def is_authentic(self, request: Request) -> bool:
        return self.is_request_from_slack_authentic(request)

    def acknowledgement(self) -> HTTPResponse:
        return response.text("")

    async def parse(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
        if content_type == "application/json":
            return self._event(request)
        if content_type == "application/x-www-form-urlencoded":
            return self._interaction(request)
        return bad_request("Unsupported content type.")

    def _event(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        body = json_body(request)
        if body is None:
            return bad_request("The body must be a Slack event object.")
        if body.get("type") == "url_verification":
            return response.text(str(body.get("challenge", "")))
        event = body.get("event") or {}
        if not self._is_user_message(body) or not event.get("user"):
            return response.text("Not a user message.")
        metadata = event_metadata(body)
        if not self._is_supported_channel(body, metadata):
            return response.text("Channel not supported.")
        sender = self._get_conversation_id(
            event["user"], metadata.get("out_channel"), metadata.get("thread_id")
        )
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users"))
        return self._answer_to_retry(request) or [Inbound(sender, text, metadata)]

    def _interaction(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        try:
            payload = json.loads(request.form.get("payload") or "")
        except ValueError:
            payload = None
        user = (payload.get("user") or {}).get("id") if isinstance(payload, dict) else None
        if not user or not self._is_interactive_message(payload):
            return bad_request("Not a supported Slack interaction.")
        text = self._get_interactive_response(payload["actions"][0])
        if text is None:
            return response.text("Link button.")
        metadata = interaction_metadata(payload)
        sender = self._get_conversation_id(
            user, metadata.get("out_channel"), metadata.get("thread_id")
        )
        return self._answer_to_retry(request) or [Inbound(sender, text, metadata)]

    def _answer_to_retry(self, request: Request) -> Optional[HTTPResponse]:
        """Slack's resend of a request it timed out on: the first one is being handled."""
        if request.headers.get(self.retry_num_header) and (
            request.headers.get(self.retry_reason_header) in self.errors_ignore_retry
        ):
            return response.text("", status=HTTPStatus.CREATED, headers={"X-Slack-No-Retry": "1"})
        return None

    async def dispatch(self, agent: Any, inbound: Inbound, on_new_message: OnNewMessage) -> None:
        """Handles the message in the background, so that Slack gets its answer at once:
        Slack resends a request it has no answer to within 3 seconds."""
        task = asyncio.create_task(super().dispatch(agent, inbound, on_new_message))
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
