"""The checked REST channel in-process: what it stores, what it refuses with HTTP 400."""

import pytest
import requests

from server.channels.conversation_keys import PREFIXES
from server.channels.limits import MAX_METADATA_BYTES, MAX_METADATA_DEPTH
from server.channels.rest import CheckedRestInput
from server.nlu.message_guard import MAX_MESSAGE_CHARS
from tests.unit.server.channels.serving import serving


def post(url, body):
    response = requests.post(f"{url}/webhooks/rest/webhook", json=body, timeout=30)
    return response.status_code, response.json()


def test_a_conversation_stays_under_the_sender_the_client_sent():
    with serving(CheckedRestInput()) as (url, bot):
        status, replies = post(url, {"sender": "eval-42", "message": "hello"})
    assert status == 200 and replies == [{"recipient_id": "eval-42", "text": "echo: hello"}]
    assert [message.sender_id for message in bot.messages] == ["eval-42"]


@pytest.mark.parametrize("sender", [
    *(f"{prefix}12345" for prefix in PREFIXES.values()),
    "whatsapp:+15551230003", "WhatsApp:+15551230003", "  telegram:7004", "Slack:U0789",
])
def test_a_sender_naming_another_channels_conversation_is_refused(sender):
    with serving(CheckedRestInput()) as (url, bot):
        for message in ("hello", "/confirm_forget_me", "/forget_me"):
            status, body = post(url, {"sender": sender, "message": message})
            assert status == 400
            assert "belong to conversations on another channel" in body["error"]
    assert bot.messages == [], "nothing reached the bot"


def test_a_message_over_the_socket_limit_is_refused_not_stored():
    with serving(CheckedRestInput()) as (url, bot):
        at_limit = post(url, {"sender": "a", "message": "x" * MAX_MESSAGE_CHARS})
        over = post(url, {"sender": "a", "message": "x" * (MAX_MESSAGE_CHARS + 1)})
        huge = post(url, {"sender": "a", "message": "why " * 5_000})
    assert at_limit[0] == 200
    assert over[0] == huge[0] == 400 and "1,000 characters" in over[1]["error"]
    assert [len(message.text) for message in bot.messages] == [MAX_MESSAGE_CHARS]


def nested(levels):
    value = "leaf"
    for _ in range(levels):
        value = {"k": value}
    return value


@pytest.mark.parametrize("metadata, accepted", [
    ({"page": "/liver"}, True),
    ({"blob": "x" * (MAX_METADATA_BYTES - 20)}, True),
    ({"blob": "x" * MAX_METADATA_BYTES}, False),
    ({"blob": "é" * (MAX_METADATA_BYTES // 2)}, False),  # bytes, not characters
    (nested(MAX_METADATA_DEPTH), True),
    (nested(MAX_METADATA_DEPTH + 1), False),
    ({"list": [[[[["deep"]]]]]}, False),
    ("nope", False),
])
def test_metadata_is_capped_in_size_and_depth(metadata, accepted):
    with serving(CheckedRestInput()) as (url, bot):
        status, body = post(url, {"sender": "a", "message": "hi", "metadata": metadata})
    assert (status == 200) is accepted, body
    assert len(bot.messages) == int(accepted)
