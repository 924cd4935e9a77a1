"""The Socket.IO channel: its checks on their own, and its protocol in-process (a real
Socket.IO server and client, the assistant replaced by a stand-in bot). The signed session
ids on their own: test_socket_sessions.py. The real assistant with the widget:
tests/system/browser."""

import queue
import time
from contextlib import contextmanager

import jwt
import pytest
import socketio

from server.channels.limits import MAX_METADATA_BYTES
from server.channels.socket_sessions import SessionSigner
from server.channels.socketio import (
    DEFAULT_ORIGINS, ERRORS, MAX_PACKET_BYTES, REPLIES, CheckedSocketIOInput, allowed_origins,
    message_problem,
)
from server.nlu.message_guard import MAX_MESSAGE_CHARS
from tests.unit.server.channels.serving import DELETED_TEXT, serving

SECRET = "socket-test-secret-0123456789-0123456789"
JWT_KEY = "socket-test-jwt-key-0123456789-0123456789"
ORIGIN = DEFAULT_ORIGINS[0]
WAIT_S = 10


def test_origins_default_to_localhost(monkeypatch):
    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    assert allowed_origins(None) == list(DEFAULT_ORIGINS)


def test_origins_come_from_the_environment_run_sh_sets(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://clinic.example.org  http://localhost:8000/")
    assert allowed_origins(None) == ["https://clinic.example.org", "http://localhost:8000"]


def test_origins_in_credentials_win(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "http://localhost:8000")
    assert allowed_origins(["https://a.example.org"]) == ["https://a.example.org"]


@pytest.mark.parametrize("configured", ["*", ["https://a.example.org", "*"], "https://*.example.org", []])
def test_wildcards_and_empty_lists_are_refused(configured):
    with pytest.raises(ValueError, match="socketio"):
        allowed_origins(configured)


def test_channel_keeps_rasas_settings_and_adds_the_allow_list(monkeypatch):
    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    channel = CheckedSocketIOInput.from_credentials(
        {"session_persistence": True, "jwt_key": "secret", "jwt_method": "HS256", "session_secret": SECRET}
    )
    assert channel.name() == "socketio"
    assert (channel.jwt_key, channel.jwt_algorithm) == ("secret", "HS256")
    assert channel.cors_allowed_origins == list(DEFAULT_ORIGINS)


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"message": "what is MASLD?"}, None),
        ({"message": "x" * MAX_MESSAGE_CHARS}, None),
        ({"message": ""}, None),
        ({"message": "x" * (MAX_MESSAGE_CHARS + 1)}, "too_long"),
        ("what is MASLD?", "not_text"),
        (None, "not_text"),
        ({"message": ["a"]}, "not_text"),
        ({"message": 42}, "not_text"),
        ({"message": "hi", "metadata": "{not json"}, "bad_metadata"),
        ({"message": "hi", "metadata": "[1]"}, "bad_metadata"),
        ({"message": "hi", "metadata": {"blob": "x" * MAX_METADATA_BYTES}}, "bad_metadata"),
        ({"message": "hi", "metadata": '{"page": "/"}'}, None),
    ],
)
def test_message_problem(data, problem):
    assert message_problem(data) == problem


class Client:
    """A page's Socket.IO client, with what it received in queues."""

    def __init__(self) -> None:
        # The Origin header a browser on the allowed site sends.
        self.sio = socketio.Client(reconnection=False, websocket_extra_options={"origin": ORIGIN})
        self.replies, self.confirmed, self.errors = queue.Queue(), queue.Queue(), queue.Queue()
        self.sio.on("bot_uttered", self.replies.put)
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.on("error", self.errors.put)
        self.session_id = None

    def connect(self, url, token=None, session_id=None, wait_timeout=WAIT_S):
        self.sio.connect(url, transports=["websocket"], auth={"token": token} if token else None,
                         wait_timeout=wait_timeout)
        if session_id is not False:
            self.session_id = self.request_session(session_id)
        return self

    def request_session(self, session_id=None):
        self.sio.emit("session_request", {"session_id": session_id})
        return self.confirmed.get(timeout=WAIT_S)

    def say(self, text, session_id="own", **extra):
        named = self.session_id if session_id == "own" else session_id
        self.sio.emit("user_uttered", {"message": text, "session_id": named, **extra})


def channel(**credentials):
    return CheckedSocketIOInput.from_credentials(
        {"session_persistence": True, "session_secret": SECRET, "cors_allowed_origins": [ORIGIN], **credentials})


@contextmanager
def clients(count, **credentials):
    with serving(channel(**credentials)) as (url, bot):
        made = [Client() for _ in range(count)]
        try:
            yield url, bot, made
        finally:
            for client in made:
                client.sio.disconnect()


def test_the_server_issues_a_signed_session_and_keeps_it_across_sockets():
    with clients(2) as (url, bot, (first, again)):
        first.connect(url, session_id="my-own-choice")
        assert first.session_id != "my-own-choice", "the server chooses the id"
        assert SessionSigner(SECRET).verify(first.session_id)
        first.say("hello")
        assert first.replies.get(timeout=WAIT_S) == {"text": "echo: hello"}
        first.sio.disconnect()
        # A reload: the page sends the id it was given and goes on in the same conversation.
        again.connect(url, session_id=first.session_id)
        assert again.session_id == first.session_id
        again.say("more")
        assert again.replies.get(timeout=WAIT_S) == {"text": "echo: more"}
    keys = {message.sender_id for message in bot.messages}
    assert len(keys) == 1 and keys.pop().startswith("socketio:")


def test_a_socket_cannot_send_into_or_listen_to_another_session():
    with clients(2) as (url, bot, (owner, intruder)):
        owner.connect(url)
        intruder.connect(url)
        nonce = owner.session_id.split(".")[0]
        # Naming the other session's nonce, or a made-up signature, gets a session of its own.
        for named in (nonce, nonce + ".0123", nonce + "." + "0" * 32):
            assert intruder.request_session(named) != owner.session_id
        intruder.say("add this to their conversation", session_id=owner.session_id)
        error = intruder.errors.get(timeout=WAIT_S)
        assert error == {"error": "not_your_session", "message": ERRORS["not_your_session"]}
        owner.say("mine")
        assert owner.replies.get(timeout=WAIT_S) == {"text": "echo: mine"}
        time.sleep(0.5)  # the owner's reply had its time to reach a wrong room
        assert intruder.replies.empty()
    assert [message.text for message in bot.messages] == ["mine"]


@pytest.mark.parametrize("named", ["whatsapp:+15551230003", "telegram:7004", "Slack:U0789", "socketio:ab"])
def test_another_channels_conversation_is_refused_with_an_error(named):
    with clients(1) as (url, bot, (client,)):
        client.connect(url, session_id=False)
        client.sio.emit("session_request", {"session_id": named})
        error = client.errors.get(timeout=WAIT_S)
        assert error["error"] == "other_channel" and "another channel" in error["message"]
        assert client.confirmed.empty()
        client.session_id = client.request_session()
        for message in ("/confirm_forget_me", "/forget_me", "hello"):
            client.say(message, session_id=named)
            assert client.errors.get(timeout=WAIT_S)["error"] == "other_channel"
    assert bot.messages == []


def test_the_deletion_confirmation_is_marked_for_the_widget():
    with clients(1) as (url, bot, (client,)):
        client.connect(url)
        client.say("/confirm_forget_me")
        assert client.replies.get(timeout=WAIT_S) == {"text": DELETED_TEXT, "conversation_deleted": True}


def test_a_message_without_a_session_gets_the_no_session_reply():
    with clients(1) as (url, bot, (client,)):
        client.connect(url, session_id=False)
        client.say("hello", session_id=None)
        assert client.replies.get(timeout=WAIT_S) == {"text": REPLIES["no_session"]}
    assert bot.messages == []


def test_a_packet_bigger_than_a_message_needs_closes_the_socket():
    with clients(2) as (url, bot, (client, emoji)):
        client.connect(url)
        client.say("hi", metadata={"blob": "x" * (MAX_PACKET_BYTES + 1)})
        deadline = time.monotonic() + WAIT_S
        while client.sio.connected and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not client.sio.connected
        # The largest message a client may send still fits: 1,000 emoji (12 bytes each as
        # Python's client escapes them) and metadata at its cap.
        emoji.connect(url)
        emoji.say("😀" * MAX_MESSAGE_CHARS, metadata={"page": "😀" * 500})
        assert emoji.replies.get(timeout=WAIT_S)["text"].startswith("echo: 😀")
    assert len(bot.messages) == 1


def token(payload):
    return jwt.encode(payload, JWT_KEY, algorithm="HS256")


def test_a_jwt_without_expiry_is_refused():
    now = int(time.time())
    with clients(3, jwt_key=JWT_KEY, jwt_method="HS256") as (url, bot, (good, forever, none)):
        good.connect(url, token=token({"sub": "v", "exp": now + 600}))
        for client, bad in ((forever, token({"sub": "v"})), (none, None)):
            with pytest.raises(socketio.exceptions.ConnectionError):
                client.connect(url, token=bad, wait_timeout=2)
