"""A Socket.IO client as a web page's script would use the channel, for the checks that
need a raw connection (origins, oversize or malformed messages, tokens): the system tier's
and, through nginx, the integration tier's."""

from __future__ import annotations

import queue
from contextlib import contextmanager
from typing import Any, Dict, Iterator, Optional

import socketio

REPLY_TIMEOUT_S = 60


class ChannelClient:
    def __init__(self, origin: str) -> None:
        # The Origin header a browser would send from that site (websocket-client's option:
        # a header of the same name would be sent besides its own default).
        self.sio = socketio.Client(reconnection=False, websocket_extra_options={"origin": origin})
        self.replies: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self.confirmed: "queue.Queue[str]" = queue.Queue()
        self.session_id: Optional[str] = None  # issued by the server
        self.errors: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self.sio.on("error", self.errors.put)
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self.confirmed.put)
        self.refusals: "queue.Queue[Any]" = queue.Queue()
        self.sio.on("connect_error", self.refusals.put)

    def connect(self, url: str, token: Optional[str] = None, wait_timeout: int = 15) -> None:
        self.sio.connect(
            url,
            transports=["websocket"],
            auth={"token": token} if token else None,
            wait_timeout=wait_timeout,
        )
        self.sio.emit("session_request", {"session_id": self.session_id})
        self.session_id = self.confirmed.get(timeout=15)

    @property
    def conversation(self) -> str:
        """The conversation key the tracker store holds this session under."""
        return conversation_key(self.session_id)

    def refused(self, url: str, token: Optional[str] = None) -> Any:
        """The server's refusal of the handshake. The refusal itself is waited for (wait=False):
        python-socketio 5.9, once told no, would still wait out its whole wait_timeout."""
        self.sio.connect(url, transports=["websocket"], auth={"token": token} if token else None,
                         wait=False)
        try:
            refusal = self.refusals.get(timeout=REPLY_TIMEOUT_S)
        except queue.Empty:
            raise AssertionError("the server neither refused nor accepted the connection") from None
        finally:
            accepted = bool(self.sio.namespaces)
            self.sio.disconnect()
        assert not accepted, "the server accepted the connection"
        return refusal

    def send(self, data: Any) -> None:
        self.sio.emit("user_uttered", data)

    def say(self, text: str) -> None:
        self.send({"message": text, "session_id": self.session_id})

    def next_reply(self) -> Dict[str, Any]:
        return self.replies.get(timeout=REPLY_TIMEOUT_S)


def conversation_key(signed_session_id: str) -> str:
    """`socketio:<nonce>` for a signed id `<nonce>.<signature>`."""
    return "socketio:" + signed_session_id.split(".")[0]


@contextmanager
def connected(url: str, origin: str, token: Optional[str] = None) -> Iterator[ChannelClient]:
    client = ChannelClient(origin)
    client.connect(url, token)
    try:
        yield client
    finally:
        client.sio.disconnect()
