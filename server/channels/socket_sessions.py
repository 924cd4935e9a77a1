"""Socket.IO session ids the server issues and signs, so a client cannot pick someone else's.

Rasa's channel joins whatever session id a client names: knowing (or guessing) an id was
enough to send into that conversation and receive its replies. Here the server issues
each id as `<nonce>.<signature>` (HMAC-SHA256 with a secret of the deployment), and accepts
an id back only with a valid signature. The conversation is stored as `socketio:<nonce>`,
a key no REST client may use (server/channels/conversation_keys.py).

The secret: `session_secret` in the channel's credentials, else SOCKETIO_SESSION_SECRET.
`make run` generates one into .data/ so a widget's session survives restarts; production
sets its own (docs/deploy.md). Without one, a random secret is made per process: sessions
then end with the process and do not move between replicas.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from typing import Any, Optional, Text

from rasa.shared.exceptions import InvalidConfigException

from server.channels.conversation_keys import key_for

logger = logging.getLogger(__name__)

SECRET_ENV = "SOCKETIO_SESSION_SECRET"
MIN_SECRET_CHARS = 32
# Separates these signatures from any other use of the same secret.
CONTEXT = b"liver-insight/socketio-session/v1:"
SIGNED_ID = re.compile(r"([0-9a-f]{32})\.([0-9a-f]{32})")


@dataclass(frozen=True)
class Session:
    signed_id: Text  # what the client keeps and sends back
    key: Text  # the conversation key in the tracker store, never sent to the client


class SessionSigner:
    def __init__(self, secret: Text) -> None:
        self._secret = secret.encode("utf-8")

    def _signature(self, nonce: Text) -> Text:
        # 128 bits of the HMAC: as hard to forge as the nonce is to guess.
        return hmac.new(self._secret, CONTEXT + nonce.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    def _session(self, nonce: Text) -> Session:
        return Session(f"{nonce}.{self._signature(nonce)}", key_for("socketio", nonce))

    def issue(self) -> Session:
        return self._session(secrets.token_hex(16))

    def verify(self, signed_id: Any) -> Optional[Session]:
        """The session a signed id stands for, or None if it was not issued with this secret."""
        match = SIGNED_ID.fullmatch(signed_id) if isinstance(signed_id, str) else None
        if not match:
            return None
        nonce, signature = match.groups()
        if not hmac.compare_digest(signature, self._signature(nonce)):
            return None
        return self._session(nonce)


def session_secret(configured: Any) -> Text:
    """The signing secret from credentials or the environment; a random one, with a
    warning, when neither is set. A short one stops the server: it could be guessed."""
    # A credentials entry of blanks counts as unset, as an empty one does.
    secret = str(configured or "").strip() or os.environ.get(SECRET_ENV, "").strip()
    if not secret:
        logger.warning(
            "socketio: no session_secret or %s is set; a random one is used, so widget "
            "sessions end when this server stops and do not carry over to other replicas "
            "(docs/deploy.md).", SECRET_ENV,
        )
        return secrets.token_hex(32)
    if len(secret) < MIN_SECRET_CHARS:
        raise InvalidConfigException(
            f"socketio: the session secret ({SECRET_ENV} or session_secret) must be at least "
            f"{MIN_SECRET_CHARS} characters; generate one with `openssl rand -hex 32`."
        )
    return secret
