"""The socket.io channel through nginx: the WebSocket upgrade, on the session's replica."""

from __future__ import annotations

import time

import pytest
import socketio

from tests.conftest import heldout_examples
from tests.harness.channel_client import ChannelClient
from tests.integration.conftest import bot_texts, paragraphs, stored_events, user_texts

pytestmark = pytest.mark.server

QUESTION = heldout_examples()["what_is_nash"][0]
REPLY_TIMEOUT_S = 120


def socketio_client(origin: str) -> socketio.Client:
    """A client whose WebSocket handshake says it comes from a page of `origin`."""
    return socketio.Client(reconnection=False, websocket_extra_options={"origin": origin})


def test_a_websocket_conversation_through_nginx_is_answered_and_stored(stack):
    # A page of the site nginx serves, which CORS_ORIGINS admits. Its first visit: the
    # server issues a signed session id.
    first = socketio_client(origin=stack.nginx.url)
    issued = []
    first.on("session_confirm", issued.append)
    first.connect(stack.nginx.url, transports=["websocket"], wait_timeout=60)
    first.emit("session_request", {"session_id": None})
    deadline = time.monotonic() + 60
    while not issued and time.monotonic() < deadline:
        time.sleep(0.2)
    first.disconnect()
    assert issued, "no session_confirm"
    session_id = issued[0]
    conversation = "socketio:" + session_id.split(".")[0]

    # A reload: the page keeps its id and puts it in the URL, which nginx routes on.
    client = socketio_client(origin=stack.nginx.url)
    received, confirmed = [], []
    client.on("bot_uttered", lambda data: received.append(data.get("text") or ""))
    client.on("session_confirm", confirmed.append)
    client.connect(f"{stack.nginx.url}?session_id={session_id}", transports=["websocket"],
                   wait_timeout=60)
    try:
        assert client.transport() == "websocket"
        client.emit("session_request", {"session_id": session_id})
        deadline = time.monotonic() + 60
        while not confirmed and time.monotonic() < deadline:
            time.sleep(0.2)
        assert confirmed == [session_id], "the signed id is accepted back on any replica"
        client.emit("user_uttered", {"message": QUESTION, "session_id": session_id})
        deadline = time.monotonic() + REPLY_TIMEOUT_S
        # Rasa stores the turn after it has sent every reply.
        while not bot_texts(stored_events(stack, conversation)) and time.monotonic() < deadline:
            time.sleep(0.5)
        events = stored_events(stack, conversation)
        while len(paragraphs(received)) < len(bot_texts(events)) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        client.disconnect()

    assert user_texts(events) == [QUESTION]
    assert paragraphs(received) == bot_texts(events) and received
    # Fails unless nginx switched the connection to a WebSocket (status 101).
    log = stack.nginx.access_log_with(f" 101 GET /socket.io/ key={stack.nginx.key_hash(session_id)} ")
    assert session_id not in log and session_id.split(".")[0] not in log


def test_a_page_of_another_site_cannot_open_a_socket(stack):
    refusal = ChannelClient("https://elsewhere.example").refused(
        f"{stack.nginx.url}?session_id=socketio-foreign-site")
    assert refusal == {"message": "This site is not allowed to use the assistant."}
