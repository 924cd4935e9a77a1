"""Slack in-process: events and button clicks signed as Slack signs them, replies as
chat.postMessage (the recorder) gets them, a stand-in assistant behind the channel."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, List
from urllib.parse import urlencode

import requests

from server.channels.slack import (
    MAX_BLOCKS,
    MAX_MESSAGE_CHARS,
    MAX_SECTION_CHARS,
    slack_messages,
)
from tests.channel_settings import SECRETS
from tests.harness.service_requests import (
    SLACK_BOT_USER,
    button_click,
    message_event,
    post_slack_click,
    post_slack_event,
    slack_headers,
    webhook,
)
from tests.unit.server.channels.webhook_serving import (
    ANSWERED_QUESTION,
    NEXT,
    QUESTION,
    VOTE_PROMPT,
    VOTES,
    serving_channel,
)

REFUSED = {"error": "Missing, wrong or stale X-Slack-Signature."}


def posts_to(recorder, channel: str, count: int = 1) -> List[Dict[str, Any]]:
    """The chat.postMessage bodies for a Slack channel, once `count` have come (Slack's
    replies are sent in the background, after the webhook's answer)."""

    def posted(calls) -> List[Dict[str, Any]]:
        return [
            call.body
            for call in calls
            if call.path == "/api/chat.postMessage" and call.body.get("channel") == channel
        ]

    return posted(recorder.wait_for(lambda calls: len(posted(calls)) >= count, "slack", 10))


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


def test_the_url_verification_challenge_is_answered(recorder):
    body = {
        "token": "legacy",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }
    with serving_channel("slack", recorder) as (url, _):
        response = post_slack_event(url, body)
    assert (response.status_code, response.text) == (200, body["challenge"])


def test_unsigned_wrongly_signed_and_stale_requests_are_refused(recorder):
    body = message_event("U0BAD", "D0BAD", QUESTION)
    with serving_channel("slack", recorder) as (url, assistant):
        unsigned = requests.post(
            webhook(url, "slack"),
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        wrong = post_slack_event(url, body, secret="not-the-secret")
        # A correct signature six minutes old: Slack's replay window is five.
        stale = post_slack_event(url, body, age_s=360)
        time.sleep(0.5)  # time for a reply in the background, were there one
    for refused in (unsigned, wrong, stale):
        assert (refused.status_code, refused.json()) == (401, REFUSED)
    assert assistant.messages == [] and recorder.calls("slack") == []


def test_a_direct_message_gets_mrkdwn_blocks_and_buttons_in_one_message(recorder):
    event = message_event("U0456", "D0456", QUESTION)
    with serving_channel("slack", recorder) as (url, assistant):
        response = post_slack_event(url, event)
        # Answered at once; the reply follows in the background.
        assert (response.status_code, response.text) == (200, "")
        [post] = posts_to(recorder, "D0456")
    assert assistant.received() == [("slack:U0456", QUESTION)]
    assert assistant.messages[0].metadata == {
        "out_channel": "D0456",
        "thread_id": event["event"]["ts"],
        "users": [SLACK_BOT_USER],
    }
    [call] = recorder.calls("slack")
    assert call.headers["authorization"] == f"Bearer {SECRETS['slack']['slack_token']}"
    section, actions = post["blocks"]
    assert section["text"] == {
        "type": "mrkdwn",
        "text": "*MASH* is fatty liver with inflammation.\n\n"
        "• Eat more fiber\n• Move every day\n\n"
        "Sources: <https://www.niddk.nih.gov/health-information/liver-disease|NIDDK>",
    }
    assert actions["type"] == "actions"
    assert [(button["text"]["text"], button["value"]) for button in actions["elements"]] == [
        (button["title"], button["payload"]) for button in NEXT
    ]
    assert "thread_ts" not in post  # replies in threads only with use_threads


def test_a_typed_number_and_a_button_click_choose_that_option(recorder):
    with serving_channel("slack", recorder) as (url, assistant):
        post_slack_event(url, message_event("U0789", "D0789", QUESTION))
        posts_to(recorder, "D0789")
        post_slack_event(url, message_event("U0789", "D0789", "2"))
        posts_to(recorder, "D0789", count=2)
        clicked = post_slack_click(url, button_click("U0789", "D0789", "/help", "Other topics"))
        assert (clicked.status_code, clicked.text) == (200, "")
        posts = posts_to(recorder, "D0789", count=3)
    assert assistant.received() == [
        ("slack:U0789", QUESTION),
        ("slack:U0789", NEXT[1]["payload"]),
        ("slack:U0789", "/help"),
    ]
    assert [post["text"] for post in posts[1:]] == [f"echo: {NEXT[1]['payload']}", "echo: /help"]


def test_an_answer_asks_was_this_helpful_with_buttons_and_a_vote_comes_back(recorder):
    with serving_channel("slack", recorder) as (url, assistant):
        post_slack_event(url, message_event("U0790", "D0790", ANSWERED_QUESTION))
        answer = posts_to(recorder, "D0790", count=4)
        clicked = post_slack_click(url, button_click("U0790", "D0790", VOTES[1], "👎 No"))
        posts_to(recorder, "D0790", count=5)
        post_slack_event(url, message_event("U0790", "D0790", ANSWERED_QUESTION))
        posts_to(recorder, "D0790", count=9)
        post_slack_event(url, message_event("U0790", "D0790", "1"))  # typed: the vote's number
        posts_to(recorder, "D0790", count=10)
    assert (clicked.status_code, clicked.text) == (200, "")
    section, actions = answer[1]["blocks"]
    assert section["text"]["text"] == VOTE_PROMPT["text"]
    assert [(button["text"]["text"], button["value"]) for button in actions["elements"]] == [
        ("👍 Yes", "/helpful"), ("👎 No", "/not_helpful")
    ]
    assert [text for _, text in assistant.received()] == [
        ANSWERED_QUESTION, "/not_helpful", ANSWERED_QUESTION, "/helpful"
    ]


def test_a_mention_is_read_without_the_bots_name_and_answered_in_its_thread(recorder):
    event = message_event(
        "U0111", "C0111", f"<@{SLACK_BOT_USER}> {QUESTION}", type="app_mention",
        channel_type="channel", ts="1700000000.000200",
    )
    with serving_channel("slack", recorder, use_threads=True,
                         conversation_granularity="channel") as (url, assistant):
        assert post_slack_event(url, event).status_code == 200
        [post] = posts_to(recorder, "C0111")
    # Granularity "channel": one conversation per user and Slack channel.
    assert assistant.received() == [("slack:U0111_C0111", QUESTION)]
    assert post["thread_ts"] == "1700000000.000200"


def test_what_is_not_a_user_message_is_answered_and_not_handled(recorder):
    from_a_bot = message_event("U0222", "D0222", "hello", bot_id="B0001")
    in_a_channel = message_event("U0222", "C0222", "hello", channel_type="channel")
    link_click = button_click("U0222", "D0222", "/diet", "Read")
    del link_click["actions"][0]["value"]  # a button with a URL, opened by the browser
    with serving_channel("slack", recorder) as (url, assistant):
        not_user = post_slack_event(url, from_a_bot)
        not_supported = post_slack_event(url, in_a_channel)
        no_value = post_slack_click(url, link_click)
        raw = b"text=hello"
        unknown_type = requests.post(
            webhook(url, "slack"), data=raw, headers=slack_headers(raw, "text/plain"), timeout=30
        )
        raw = urlencode({"payload": "not json"}).encode()
        bad_payload = requests.post(
            webhook(url, "slack"),
            data=raw,
            headers=slack_headers(raw, "application/x-www-form-urlencoded"),
            timeout=30,
        )
        time.sleep(0.5)
    assert (not_user.status_code, not_user.text) == (200, "Not a user message.")
    assert (not_supported.status_code, not_supported.text) == (200, "Channel not supported.")
    assert (no_value.status_code, no_value.text) == (200, "Link button.")
    assert unknown_type.status_code == 400
    assert bad_payload.json() == {"error": "Not a supported Slack interaction."}
    assert assistant.messages == [] and recorder.calls("slack") == []


def test_a_resend_after_a_timeout_is_answered_not_handled_again(recorder):
    event = message_event("U0333", "D0333", QUESTION)
    resend = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    with serving_channel("slack", recorder) as (url, assistant):
        first = post_slack_event(url, event)
        posts_to(recorder, "D0333")
        again = post_slack_event(url, event, headers=resend)
        time.sleep(0.5)
    assert first.status_code == 200
    assert again.status_code == 201 and again.headers["X-Slack-No-Retry"] == "1"
    assert assistant.received() == [("slack:U0333", QUESTION)]

