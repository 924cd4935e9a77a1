"""The checked REST channel, safe to retry: a message is handled once per message id.

Behind nginx, a replica can die after it stored a message and before its reply left.
nginx then sends the same request, with the same X-Request-ID, to another replica.
That replica waits for the conversation's lock, reads the stored conversation and,
if the message id is already there, answers with the replies stored after it instead
of handling the message a second time. With the lock store deploy/endpoints.yml names
(server/store/lock_store.py), that wait ends even when the dead replica's ticket expires
about when the retry's does. The id comes from the body's `message_id`, or
else from the X-Request-ID header (nginx sets it per client request, keeping a
client's own). Without either, the message is handled as Rasa's channel would.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels.rest import CheckedRestInput

MAX_MESSAGE_ID_CHARS = 128
# How often a message waiting for its conversation's lock looks again (Rasa: 1 s).
LOCK_POLL_S = 0.25
REPLAY_HEADER = "X-Idempotent-Replay"


def message_id_of(request: Request, body: Dict[Text, Any]) -> Optional[Text]:
    """The id that makes a retry recognisable, or None when the client gave none."""
    candidate = body.get("message_id") or request.headers.get("x-request-id")
    if candidate is None:
        return None
    candidate = str(candidate).strip()
    if not candidate or len(candidate) > MAX_MESSAGE_ID_CHARS:
        return None
    return candidate


def stored_replies(
    events: Iterable[Event], message_id: Text, text: Text
) -> Optional[List[Dict[Text, Any]]]:
    """The bot messages that answered this user message; None if it is not stored.

    A retry carries the same id and the same text: requiring both means an id guessed or
    reused with another text never reveals the replies to someone else's message.
    A session starts while Rasa handles its first message, so the messages of the
    session start are stored before that user message and belong to its reply.
    """
    replies: Optional[List[Dict[Text, Any]]] = None
    session_opening: List[Dict[Text, Any]] = []
    # The messages of the first session start come before any user message.
    in_session_opening = True
    for event in events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id and event.text == text:
                replies = list(session_opening)
            session_opening, in_session_opening = [], False
        elif isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME:
            if replies is not None:
                break  # a later session's opening belongs to the message after it
            session_opening, in_session_opening = [], True
        elif isinstance(event, BotUttered):
            if replies is not None:
                replies.append(event.message())
            elif in_session_opening:
                session_opening.append(event.message())
    return replies


async def handle_once(agent: Any, message: UserMessage) -> bool:
    """Handles the message unless it is stored already; True when the stored replies were sent."""
    async with agent.lock_store.lock(message.sender_id, wait_time_in_seconds=LOCK_POLL_S):
        # Under the lock: a retry waits for the attempt that holds it, then sees its events.
        # The whole conversation: a session's opening messages are stored before its start.
        tracker = await agent.tracker_store.retrieve_full_tracker(message.sender_id)
        replies = (stored_replies(tracker.events, message.message_id, message.text)
                   if tracker else None)
        if replies is not None:
            for reply in replies:
                await message.output_channel.send_response(message.sender_id, reply)
            return True
        await agent.processor.handle_message(message)
        return False


class IdempotentRestInput(CheckedRestInput):
    """Same URL, checks and replies as the checked REST channel (/webhooks/rest/webhook)."""

    def user_message(self, request: Request, fields: Dict[Text, Any],
                     collector: CollectingOutputChannel) -> UserMessage:
        message = super().user_message(request, fields, collector)
        message_id = message_id_of(request, request.json)
        if message_id is not None:  # else UserMessage keeps the random id it made
            message.message_id = message_id
        return message

    async def deliver(self, request: Request, message: UserMessage,
                      on_new_message: Callable[[UserMessage], Awaitable[None]]) -> HTTPResponse:
        agent = request.app.ctx.agent
        if message_id_of(request, request.json) is None or not agent.is_ready():
            return await super().deliver(request, message, on_new_message)
        replayed = await handle_once(agent, message)
        headers = {REPLAY_HEADER: "true"} if replayed else None
        return response.json(message.output_channel.messages, headers=headers)
