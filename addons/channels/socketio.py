"""Rasa's Socket.IO channel with the origin allow-list enforced and each message checked.

Rasa 3.6 builds its Socket.IO server with `cors_allowed_origins=[]`, which turns the
origin check off: a page on any site could open a WebSocket to the assistant. This
channel keeps the same URL (/socket.io), events, session persistence and JWT check
(`jwt_key`, `jwt_method`), and adds:

- the origin allow-list: `cors_allowed_origins` in credentials, else the CORS_ORIGINS
  environment variable that scripts/run.sh passes (localhost by default); `*` is refused;
- a checked `user_uttered`: a message that is not text, longer than MAX_MESSAGE_CHARS,
  or without a usable session id gets a clear reply instead of reaching the bot.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint
from socketio.exceptions import ConnectionRefusedError as SocketConnectionRefused

from addons.message_guard import MAX_MESSAGE_CHARS

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = ("http://localhost:8000", "http://127.0.0.1:8000")
MAX_SESSION_ID_CHARS = 128

# The reply for each reason a message is refused.
REPLIES = {
    "too_long": f"Your message is longer than {MAX_MESSAGE_CHARS:,} characters, so I did not "
    "read it. Please send a shorter question.",
    "not_text": "I can only read text messages. Please type your question.",
    "no_session": "This message has no valid session id, so it was not read. Reload the page "
    "and try again.",
    "bad_metadata": "The message's metadata must be a JSON object, so it was not read.",
}


def allowed_origins(configured: Any) -> List[Text]:
    """The origins that may open a socket: from credentials, else CORS_ORIGINS, else localhost."""
    if configured is None:
        configured = os.environ.get("CORS_ORIGINS") or list(DEFAULT_ORIGINS)
    if isinstance(configured, str):
        configured = configured.split()
    origins = [str(origin).strip().rstrip("/") for origin in configured if str(origin).strip()]
    if not origins:
        raise ValueError("socketio: the CORS origin allow-list is empty; name at least one site")
    if any("*" in origin for origin in origins):
        raise ValueError("socketio: CORS origins must be listed one by one; '*' is not allowed")
    return origins


def usable_session_id(session_id: Any) -> bool:
    return isinstance(session_id, str) and bool(session_id.strip()) and len(session_id) <= MAX_SESSION_ID_CHARS


def message_problem(data: Any, needs_session: bool = True) -> Optional[Text]:
    """Why a `user_uttered` payload cannot go to the bot (a key of REPLIES), or None."""
    if not isinstance(data, dict):
        return "not_text"
    message = data.get("message")
    if message is not None and not isinstance(message, str):
        return "not_text"
    if message and len(message) > MAX_MESSAGE_CHARS:
        return "too_long"
    if needs_session and not usable_session_id(data.get("session_id")):
        return "no_session"
    metadata = data.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return "bad_metadata"
    if metadata is not None and not isinstance(metadata, dict):
        return "bad_metadata"
    return None


def session_request_data(data: Any) -> Dict[Text, Any]:
    """A `session_request` payload Rasa can use: an unusable session id asks for a new one."""
    session_id = data.get("session_id") if isinstance(data, dict) else None
    return {"session_id": session_id if usable_session_id(session_id) else None}


class CheckedSocketIOInput(SocketIOInput):
    cors_allowed_origins: List[Text] = list(DEFAULT_ORIGINS)

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_allowed_origins = allowed_origins(credentials.get("cors_allowed_origins"))
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socket_blueprint = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"
        connect = sio.handlers[namespace]["connect"]
        handle_message = sio.handlers[namespace][self.user_message_evt]
        session_request = sio.handlers[namespace]["session_request"]

        async def checked_message(sid: Text, data: Any) -> None:
            problem = message_problem(data, needs_session=self.session_persistence)
            if problem:
                # The reason, never the text: conversations are health data.
                logger.info("socketio: message refused (%s)", problem)
                await sio.emit(self.bot_message_evt, {"text": REPLIES[problem]}, room=sid, namespace=namespace)
                return
            await handle_message(sid, data)

        async def checked_connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            # Checked here rather than by Engine.IO, whose own CORS headers would double the
            # ones Rasa's --cors adds to polling responses (browsers refuse doubled headers).
            origin = environ.get("HTTP_ORIGIN")
            if origin and origin.rstrip("/") not in self.cors_allowed_origins:
                logger.info("socketio: connection from a site not in CORS_ORIGINS refused")
                raise SocketConnectionRefused("This site is not allowed to use the assistant.")
            return await connect(sid, environ, auth)

        async def checked_session_request(sid: Text, data: Any) -> None:
            await session_request(sid, session_request_data(data))

        sio.on("connect", checked_connect, namespace=self.namespace)
        sio.on(self.user_message_evt, checked_message, namespace=self.namespace)
        sio.on("session_request", checked_session_request, namespace=self.namespace)
        return socket_blueprint
