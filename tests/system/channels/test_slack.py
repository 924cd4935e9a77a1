"""Slack: events and button clicks signed as Slack signs them, replies as chat.postMessage gets them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Dict, List, Optional
from urllib.parse import urlencode

import pytest
import requests

from server.channels.slack import (
    MAX_BLOCKS,
    MAX_MESSAGE_CHARS,
    MAX_SECTION_CHARS,
    slack_messages,
)
from tests.system.channels import expected
from tests.channel_settings import SECRETS

SIGNING_SECRET = SECRETS["slack"]["slack_signing_secret"]
BOT_USER = "U0BOT"


def slack_headers(
    body: bytes, content_type: str, secret: str = SIGNING_SECRET, age_s: int = 0
) -> Dict[str, str]:
    """X-Slack-Signature: v0= HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret."""
    timestamp = str(int(time.time()) - age_s)
    digest = hmac.new(
        secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256
    ).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def message_event(user: str, channel: str, text: str) -> Dict[str, Any]:
    now = time.time()
    return {
        "token": "legacy-verification-token",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "event": {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": f"{now:.6f}",
            "event_ts": f"{now:.6f}",
            "channel_type": "im",
        },
        "type": "event_callback",
        "event_id": f"Ev{int(now * 1000)}",
        "event_time": int(now),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": "T0001",
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
    }


def button_click(user: str, channel: str, value: str, title: str) -> Dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "ann", "team_id": "T0001"},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "trigger_id": "1.2.3",
        "team": {"id": "T0001", "domain": "example"},
        "channel": {"id": channel, "name": "directmessage"},
        "message": {
            "type": "message",
            "ts": "1700000000.000100",
            "text": "You may also want to read:",
        },
        "actions": [
            {
                "action_id": "a1",
                "block_id": "b1",
                "text": {"type": "plain_text", "text": title},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


def post_json(server, body: Dict[str, Any], **signing: Any) -> requests.Response:
    raw = json.dumps(body).encode()
    return requests.post(
        f"{server.url}/webhooks/slack/webhook",
        data=raw,
        headers=slack_headers(raw, "application/json", **signing),
        timeout=60,
    )


def post_click(server, payload: Dict[str, Any]) -> requests.Response:
    raw = urlencode({"payload": json.dumps(payload)}).encode()
    return requests.post(
        f"{server.url}/webhooks/slack/webhook",
        data=raw,
        headers=slack_headers(raw, "application/x-www-form-urlencoded"),
        timeout=60,
    )


def posts_to(server, channel: str, until_text: Optional[str] = None) -> List[Dict[str, Any]]:
    """chat.postMessage bodies for a channel, once one contains `until_text`."""

    def done(calls) -> bool:
        texts = [call.body.get("text", "") for call in calls if call.body.get("channel") == channel]
        return until_text is None or any(until_text in text for text in texts)

    calls = server.recorder.wait_for(done, "slack")
    return [
        call.body
        for call in calls
        if call.body.get("channel") == channel and call.path == "/api/chat.postMessage"
    ]


def test_a_long_reply_is_cut_into_sections_under_the_block_limit():
    paragraph = "Word " * 500  # 2500 characters
    messages = slack_messages(
        "\n\n".join([paragraph.strip()] * 30), [{"title": "Go", "payload": "/go"}]
    )
    sections = [
        block for message in messages for block in message["blocks"] if block["type"] == "section"
    ]
    assert len(sections) == 30
    assert all(len(block["text"]["text"]) <= MAX_SECTION_CHARS for block in sections)
    assert all(
        len(message["text"]) <= MAX_MESSAGE_CHARS and len(message["blocks"]) <= MAX_BLOCKS
        for message in messages
    )
    assert len(messages) == 2  # 75,000 characters do not fit in one 40,000-character message
    assert messages[-1]["blocks"][-1] == {
        "type": "actions",
        "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "value": "/go"}
        ],
    }
    assert all(block["type"] == "section" for block in messages[0]["blocks"])


def test_bold_and_links_become_mrkdwn():
    [message] = slack_messages("**Eat fiber.** See [NIDDK](https://www.niddk.nih.gov) & more")
    assert message["text"] == "*Eat fiber.* See <https://www.niddk.nih.gov|NIDDK> &amp; more"
    assert message["blocks"] == [
        {"type": "section", "text": {"type": "mrkdwn", "text": message["text"]}}
    ]


@pytest.mark.server
def test_the_url_verification_challenge_is_answered(channel_server):
    body = {
        "token": "legacy",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }
    response = post_json(channel_server, body)
    assert response.status_code == 200
    assert response.text == body["challenge"]


@pytest.mark.server
def test_unsigned_wrongly_signed_and_stale_requests_are_refused(channel_server):
    body = message_event("U0BAD", "D0BAD", expected.NASH_QUESTION)
    raw = json.dumps(body).encode()
    unsigned = requests.post(
        f"{channel_server.url}/webhooks/slack/webhook",
        data=raw,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert unsigned.status_code == 401
    assert post_json(channel_server, body, secret="not-the-secret").status_code == 401
    # A correct signature six minutes old: Slack's replay window is five.
    assert post_json(channel_server, body, age_s=360).status_code == 401
    time.sleep(2)
    assert not [
        call
        for call in channel_server.recorder.calls("slack")
        if call.body.get("channel") == "D0BAD"
    ]


@pytest.mark.server
def test_a_direct_message_gets_mrkdwn_blocks_buttons_and_disclaimer(channel_server):
    response = post_json(channel_server, message_event("U0456", "D0456", expected.NASH_QUESTION))
    assert response.status_code == 200  # answered at once; the reply follows in the background
    posts = posts_to(channel_server, "D0456", until_text=expected.DISCLAIMER_LINE)
    calls = [
        call
        for call in channel_server.recorder.calls("slack")
        if call.body.get("channel") == "D0456"
    ]
    assert all(
        call.headers["authorization"] == f"Bearer {SECRETS['slack']['slack_token']}"
        for call in calls
    )
    assert posts[0]["text"] == expected.FULL_DISCLAIMER
    answer = next(post for post in posts if expected.opening_words(expected.NASH) in post["text"])
    assert "Sources:" in answer["text"] and "**" not in answer["text"]
    assert all(block["text"]["type"] == "mrkdwn" for block in answer["blocks"])
    with_buttons = [
        post for post in posts if any(block["type"] == "actions" for block in post["blocks"])
    ]
    assert len(with_buttons) == 1
    buttons = with_buttons[0]["blocks"][-1]["elements"]
    assert [button["value"] for button in buttons] == expected.related_payloads(expected.NASH)
    assert [button["text"]["text"] for button in buttons] == expected.related_titles(expected.NASH)
    assert posts[-1]["text"] == expected.DISCLAIMER_LINE


@pytest.mark.server
def test_a_button_click_answers_that_topic_in_mrkdwn(channel_server):
    details = expected.details_payload("diet")
    response = post_click(channel_server, button_click("U0789", "D0789", details, "Tell me more"))
    assert response.status_code == 200
    posts = posts_to(channel_server, "D0789", until_text=expected.DISCLAIMER_LINE)
    answer = next(post for post in posts if expected.details_opening_words("diet") in post["text"])
    assert expected.has_bold("diet")
    section_text = answer["blocks"][0]["text"]["text"]
    assert "\n• " in section_text and "*" in section_text and "**" not in section_text
    assert channel_server.user_texts("slack:U0789") == [details]
