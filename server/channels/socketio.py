"""Rasa's Socket.IO channel with the origin allow-list, server-issued sessions and checks.

Same URL (/socket.io), events (`session_request` / `session_confirm`, `user_uttered` /
`bot_uttered`) and JWT setting (`jwt_key`, `jwt_method`) as Rasa's channel. Rasa 3.6
lets any site connect (`cors_allowed_origins=[]`), lets a socket join any session id it
names, and buffers packets up to 1 MB. This one:

- enforces the origin allow-list: `cors_allowed_origins` in credentials, else the
  CORS_ORIGINS environment variable that scripts/run.sh passes (localhost by default);
  `*` is refused;
- issues each session id itself, signed (server/channels/socket_sessions.py), and
  accepts one back only with a valid signature; an unknown or forged one gets a new
  session. A socket sends into and receives from only the session it was given: a
  `user_uttered` naming another session id gets an `error` event, not the bot;
- refuses a session id with another channel's prefix (`whatsapp:`...) with an `error`;
- checks each message: not text, longer than MAX_MESSAGE_CHARS, or metadata over the caps
  of server/channels/limits.py gets a clear reply instead of reaching the bot;
- refuses a JWT without `exp`, and buffers at most MAX_PACKET_BYTES per packet;
- marks the "conversation deleted" confirmation (`conversation_deleted: true`) so the
  widget knows its clear request worked.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import jwt
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer
from socketio.exceptions import ConnectionRefusedError as SocketConnectionRefused

from server.channels import limits
from server.channels.conversation_keys import refusal, reserved_prefix
from server.channels.socket_sessions import SessionSigner, session_secret
from server.nlu.message_guard import MAX_MESSAGE_CHARS
from common.names import FORGET_CONFIRMATION as CONFIRMATION

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = ("http://localhost:8000", "http://127.0.0.1:8000")
# The largest packet a valid message makes: 1,000 characters at up to 12 bytes each once
# JSON-escaped (an emoji is "\ud83d\ude00"), metadata at its 2 KiB cap (up to 3x when
# escaped) and the framing: about 18.5 KiB. Rasa's default is 1 MB.
MAX_PACKET_BYTES = 24 * 1024
ERROR_EVENT = "error"

# The reply for each reason a message is refused.
REPLIES = {
    "too_long": f"Your message is longer than {MAX_MESSAGE_CHARS:,} characters, so I did not "
    "read it. Please send a shorter question.",
    "not_text": "I can only read text messages. Please type your question.",
    "no_session": "This message has no valid session id, so it was not read. Reload the page "
    "and try again.",
    "bad_metadata": "The message's metadata must be a JSON object of at most "
    f"{limits.MAX_METADATA_BYTES:,} bytes, so it was not read.",
}
# The `error` event's message for each session problem.
ERRORS = {
    "not_your_session": "This socket can only send to the session it was given "
    "(session_confirm). The message was not read.",
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


def parsed_metadata(data: Dict[Text, Any]) -> Any:
    metadata = data.get("metadata")
    if isinstance(metadata, str):
        try:
            return json.loads(metadata)
        except ValueError:
            return "not an object"
    return metadata


def message_problem(data: Any) -> Optional[Text]:
    """Why a `user_uttered` payload cannot go to the bot (a key of REPLIES), or None."""
    if not isinstance(data, dict):
        return "not_text"
    message = data.get("message")
    if message is not None and not isinstance(message, str):
        return "not_text"
    if limits.message_too_long(message):
        return "too_long"
    if limits.metadata_problem(parsed_metadata(data)):
        return "bad_metadata"
    return None


def valid_jwt(auth: Any, key: Text, algorithm: Text) -> bool:
    """A token signed with the key, not expired, and with an expiry: one without `exp`
    would be good for ever once it leaked."""
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str) or not token:
        return False
    try:
        jwt.decode(token, key, algorithms=[algorithm], options={"require": ["exp"]})
    except jwt.PyJWTError:
        return False
    return True


class MarkedSocketIOOutput(SocketIOOutput):
    """Rasa's output, with the deletion confirmation marked for the widget."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        if kwargs.get("utter_action") == CONFIRMATION:
            await self._send_message(recipient_id, {"text": text, "conversation_deleted": True})
            return
        await super().send_text_message(recipient_id, text, **kwargs)


class CheckedSocketIOInput(SocketIOInput):
    cors_allowed_origins: List[Text] = list(DEFAULT_ORIGINS)
    signer: SessionSigner

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_allowed_origins = allowed_origins(credentials.get("cors_allowed_origins"))
        channel.signer = SessionSigner(session_secret(credentials.get("session_secret")))
        return channel

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        return MarkedSocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not hasattr(self, "signer"):
            self.signer = SessionSigner(session_secret(None))
        # Origins are checked on connect rather than by Engine.IO, whose own CORS headers
        # would double the ones Rasa's --cors adds to polling responses.
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=[], max_http_buffer_size=MAX_PACKET_BYTES
        )
        self.sio = sio
        socket_blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        namespace = self.namespace or "/"

        @socket_blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def refuse(sid: Text, reason: Text, message: Text) -> None:
            # The reason, never the text: conversations are health data.
            logger.info("socketio: message refused (%s)", reason)
            await sio.emit(ERROR_EVENT, {"error": reason, "message": message}, room=sid, namespace=namespace)

        async def reply(sid: Text, problem: Text) -> None:
            logger.info("socketio: message refused (%s)", problem)
            await sio.emit(self.bot_message_evt, {"text": REPLIES[problem]}, room=sid, namespace=namespace)

        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and origin.rstrip("/") not in self.cors_allowed_origins:
                logger.info("socketio: connection from a site not in CORS_ORIGINS refused")
                raise SocketConnectionRefused("This site is not allowed to use the assistant.")
            if self.jwt_key and not valid_jwt(auth, self.jwt_key, self.jwt_algorithm):
                logger.info("socketio: connection without a valid JWT refused")
                return False
            return True

        async def session_request(sid: Text, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            prefix = reserved_prefix(requested) if isinstance(requested, str) else None
            if prefix:
                await refuse(sid, "other_channel", refusal(prefix, "session_id"))
                return
            # An id this server did not sign (none, old, forged) gets a new session.
            session = self.signer.verify(requested) or self.signer.issue()
            state = await sio.get_session(sid, namespace=namespace)
            if state.get("key") and state["key"] != session.key:
                sio.leave_room(sid, state["key"], namespace=namespace)
            sio.enter_room(sid, session.key, namespace=namespace)
            await sio.save_session(sid, {"key": session.key, "signed_id": session.signed_id}, namespace=namespace)
            await sio.emit("session_confirm", session.signed_id, room=sid, namespace=namespace)

        async def user_uttered(sid: Text, data: Any) -> None:
            problem = message_problem(data)
            if problem:
                await reply(sid, problem)
                return
            state = await sio.get_session(sid, namespace=namespace)
            if not state.get("key"):
                await reply(sid, "no_session")
                return
            named = data.get("session_id")
            if named is not None and named != state["signed_id"]:
                prefix = reserved_prefix(named) if isinstance(named, (str, int)) else None
                if prefix:
                    await refuse(sid, "other_channel", refusal(prefix, "session_id"))
                else:
                    await refuse(sid, "not_your_session", ERRORS["not_your_session"])
                return
            await on_new_message(UserMessage(
                data.get("message") or "",
                MarkedSocketIOOutput(sio, self.bot_message_evt),
                state["key"],
                input_channel=self.name(),
                metadata=parsed_metadata(data),
            ))

        sio.on("connect", connect, namespace=self.namespace)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, user_uttered, namespace=self.namespace)
        return socket_blueprint
