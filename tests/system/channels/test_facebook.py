"""Messenger: webhook events signed as Meta signs them, replies as the Send API gets them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Dict, List, Tuple

import pytest
import requests

from server.channels.facebook import (
    MAX_MESSAGE_CHARS,
    MAX_QUICK_REPLY_TITLE_CHARS,
    messenger_messages,
    user_messages,
    valid_signature,
)
from tests.system.channels import expected
from tests.channel_settings import SECRETS

APP_SECRET = SECRETS["facebook"]["secret"]
PAGE_ID = "1234567890"


def signature_headers(raw: bytes, secret: str = APP_SECRET, sha256: bool = True) -> Dict[str, str]:
    """What Meta sends: X-Hub-Signature-256 (and the older SHA-1 X-Hub-Signature)."""
    headers = {
        "Content-Type": "application/json",
        "X-Hub-Signature": "sha1=" + hmac.new(secret.encode(), raw, hashlib.sha1).hexdigest(),
    }
    if sha256:
        headers["X-Hub-Signature-256"] = (
            "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        )
    return headers


def delivery(*messages: Tuple[str, Dict[str, Any]]) -> Dict[str, Any]:
    now = int(time.time() * 1000)
    return {
        "object": "page",
        "entry": [
            {
                "id": PAGE_ID,
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": sender},
                        "recipient": {"id": PAGE_ID},
                        "timestamp": now,
                        "message": message,
                    }
                    for sender, message in messages
                ],
            }
        ],
    }


def text_message(text: str) -> Dict[str, Any]:
    return {"mid": f"m_{time.time_ns()}", "text": text}


def post(server, body: Dict[str, Any], **signing: Any) -> requests.Response:
    raw = json.dumps(body).encode()
    return requests.post(
        f"{server.url}/webhooks/facebook/webhook",
        data=raw,
        headers=signature_headers(raw, **signing),
        timeout=60,
    )


def sent_to(server, psid: str) -> List[Dict[str, Any]]:
    """The `message` objects sent to one person, in order."""
    return [
        call.body["message"]
        for call in server.recorder.calls("facebook")
        if call.body.get("recipient", {}).get("id") == psid and "message" in call.body
    ]


def test_user_messages_reads_texts_taps_and_attachments_and_skips_echoes():
    body = delivery(
        ("u1", text_message("hi")),
        ("u1", {"mid": "m2", "text": "2", "quick_reply": {"payload": "/diet"}}),
        (
            "u1",
            {
                "mid": "m3",
                "attachments": [{"type": "image", "payload": {"url": "https://x/y.png"}}],
            },
        ),
        ("u1", {"mid": "m4", "text": "sent by the page", "is_echo": True}),
    )
    body["entry"][0]["messaging"].append(
        {"sender": {"id": "u1"}, "postback": {"title": "Start", "payload": "/greet"}}
    )
    body["entry"][0]["messaging"].append({"sender": {"id": "u1"}, "read": {"watermark": 1}})
    assert user_messages(body) == [("u1", "hi"), ("u1", "/diet"), ("u1", ""), ("u1", "/greet")]


def test_signatures_are_checked_as_meta_computes_them():
    raw = b'{"object":"page"}'
    headers = signature_headers(raw)
    assert valid_signature(
        APP_SECRET, raw, headers["X-Hub-Signature-256"], headers["X-Hub-Signature"]
    )
    assert valid_signature(APP_SECRET, raw, "", headers["X-Hub-Signature"])  # SHA-1 only
    assert not valid_signature(APP_SECRET, raw + b" ", headers["X-Hub-Signature-256"], "")
    assert not valid_signature("other-secret", raw, headers["X-Hub-Signature-256"], "")
    # A wrong SHA-256 signature is not rescued by a right SHA-1 one.
    assert not valid_signature(APP_SECRET, raw, "sha256=00", headers["X-Hub-Signature"])
    assert not valid_signature(APP_SECRET, raw, "md5=" + hashlib.md5(raw).hexdigest(), "")
    assert not valid_signature(APP_SECRET, raw, "", "")


def test_short_titles_are_quick_replies_long_ones_numbered():
    short = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    [message] = messenger_messages("Did that help?", short)
    assert message == {
        "text": "Did that help?",
        "quick_replies": [
            {"content_type": "text", "title": "Yes", "payload": "/affirm"},
            {"content_type": "text", "title": "No", "payload": "/deny"},
        ],
    }
    long = [
        {"title": "What to eat for fatty liver", "payload": "/diet"},
        {"title": "No", "payload": "/deny"},
    ]
    [message] = messenger_messages("Read next:", long)
    assert (
        message["text"]
        == "Read next:\n\n1. What to eat for fatty liver\n2. No\n\nReply with a number."
    )
    assert [reply["title"] for reply in message["quick_replies"]] == ["1", "2"]
    fourteen = [{"title": f"T{number}", "payload": f"/t{number}"} for number in range(14)]
    [message] = messenger_messages("Pick:", fourteen)
    assert "quick_replies" not in message and "14. T13" in message["text"]


@pytest.mark.server
def test_the_subscription_check_echoes_the_challenge_only_for_the_verify_token(channel_server):
    url = f"{channel_server.url}/webhooks/facebook/webhook"
    params = {
        "hub.mode": "subscribe",
        "hub.challenge": "1158201444",
        "hub.verify_token": SECRETS["facebook"]["verify"],
    }
    assert requests.get(url, params=params, timeout=30).text == "1158201444"
    wrong = requests.get(url, params={**params, "hub.verify_token": "guess"}, timeout=30)
    assert wrong.status_code == 403 and "1158201444" not in wrong.text


@pytest.mark.server
def test_badly_signed_deliveries_are_refused(channel_server):
    body = delivery(("fb-bad", text_message(expected.NASH_QUESTION)))
    assert post(channel_server, body, secret="not-the-app-secret").status_code == 403
    raw = json.dumps(body).encode()
    unsigned = requests.post(
        f"{channel_server.url}/webhooks/facebook/webhook",
        data=raw,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert unsigned.status_code == 403
    assert not [
        call
        for call in channel_server.recorder.calls("facebook")
        if call.body.get("recipient", {}).get("id") == "fb-bad"
    ]


@pytest.mark.server
def test_a_question_gets_plain_text_numbered_options_and_disclaimer(channel_server):
    assert (
        post(
            channel_server, delivery(("fb-user-1", text_message(expected.NASH_QUESTION)))
        ).status_code
        == 200
    )
    calls = [
        call
        for call in channel_server.recorder.calls("facebook")
        if call.body.get("recipient", {}).get("id") == "fb-user-1"
    ]
    assert all(
        call.query["access_token"] == SECRETS["facebook"]["page-access-token"] for call in calls
    )
    assert all(call.path == "/v21.0/me/messages" for call in calls)
    assert [call.body["sender_action"] for call in calls[:2]] == ["mark_seen", "typing_on"]
    messages = sent_to(channel_server, "fb-user-1")
    texts = [message["text"] for message in messages]
    assert all(len(text) <= MAX_MESSAGE_CHARS for text in texts)
    assert texts[0] == expected.FULL_DISCLAIMER
    answer = next(text for text in texts if expected.opening_words(expected.NASH) in text)
    assert "Sources:" in answer and "**" not in answer
    [options] = [message for message in messages if "quick_replies" in message]
    titles = expected.related_titles(expected.NASH)
    payloads = expected.related_payloads(expected.NASH)
    if any(len(title) > MAX_QUICK_REPLY_TITLE_CHARS for title in titles):
        assert [f"{n}. {title}" in options["text"] for n, title in enumerate(titles, 1)] == [
            True
        ] * len(titles)
        assert [reply["title"] for reply in options["quick_replies"]] == [
            str(n) for n in range(1, len(titles) + 1)
        ]
    assert [reply["payload"] for reply in options["quick_replies"]] == payloads
    assert texts[-1] == expected.DISCLAIMER_LINE


@pytest.mark.server
def test_typing_a_number_chooses_that_menu_option(channel_server):
    assert post(channel_server, delivery(("fb-user-2", text_message("help")))).status_code == 200
    menu = expected.group_buttons()
    [options] = [
        message for message in sent_to(channel_server, "fb-user-2") if "quick_replies" in message
    ]
    assert [reply["payload"] for reply in options["quick_replies"]] == [
        button["payload"] for button in menu
    ]
    # Typed, not tapped, and signed with SHA-1 only, as older app setups are.
    assert (
        post(channel_server, delivery(("fb-user-2", text_message("3"))), sha256=False).status_code
        == 200
    )
    assert channel_server.user_texts("messenger:fb-user-2")[-1] == menu[2]["payload"]
    assert sent_to(channel_server, "fb-user-2")[-1]["text"].startswith(
        f"{menu[2]['title']}: pick a topic."
    )


@pytest.mark.server
def test_every_message_of_a_batched_delivery_is_answered(channel_server):
    body = delivery(("fb-user-3", text_message("hello")), ("fb-user-4", text_message("hello")))
    assert post(channel_server, body).status_code == 200
    assert sent_to(channel_server, "fb-user-3") and sent_to(channel_server, "fb-user-4")
