"""Messenger in-process: deliveries signed as Meta signs them, replies as the Send API
(the recorder) gets them, a stand-in assistant behind the channel."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List

import requests

from server.channels.facebook import messenger_messages, user_messages, valid_signature
from server.channels.webhook import Inbound
from tests.channel_settings import SECRETS
from tests.harness.service_requests import (
    MESSENGER_APP_SECRET,
    delivery,
    messenger_headers,
    post_messenger,
    text_message,
    webhook,
)
from tests.unit.server.channels.webhook_serving import (
    ANSWERED_QUESTION,
    NEXT,
    QUESTION,
    REMINDER,
    VOTE_PROMPT,
    serving_channel,
)

REFUSED = {"error": "Missing or wrong X-Hub-Signature-256."}


def calls_for(recorder, psid: str) -> List[Any]:
    return [
        call
        for call in recorder.calls("facebook")
        if call.body.get("recipient", {}).get("id") == psid
    ]


def sent_to(recorder, psid: str) -> List[Dict[str, Any]]:
    """The `message` objects sent to one person, in order."""
    return [call.body["message"] for call in calls_for(recorder, psid) if "message" in call.body]


def test_user_messages_reads_texts_taps_and_attachments_and_skips_echoes():
    body = delivery(
        ("u1", text_message("hi")),
        ("u1", {"mid": "m2", "text": "2", "quick_reply": {"payload": "/diet"}}),
        ("u1", {"mid": "m3", "attachments": [{"type": "image", "payload": {"url": "https://x"}}]}),
        ("u1", {"mid": "m4", "text": "sent by the page", "is_echo": True}),
    )
    body["entry"][0]["messaging"].append(
        {"sender": {"id": "u1"}, "postback": {"title": "Start", "payload": "/greet"}}
    )
    body["entry"][0]["messaging"].append({"sender": {"id": "u1"}, "read": {"watermark": 1}})
    assert user_messages(body) == [
        Inbound("u1", "hi"), Inbound("u1", "/diet"), Inbound("u1", ""), Inbound("u1", "/greet")
    ]


def test_signatures_are_checked_as_meta_computes_them():
    raw = b'{"object":"page"}'
    headers = messenger_headers(raw)
    sha256, sha1 = headers["X-Hub-Signature-256"], headers["X-Hub-Signature"]
    secret = MESSENGER_APP_SECRET
    assert valid_signature(secret, raw, sha256, sha1)
    assert valid_signature(secret, raw, "", sha1)  # SHA-1 only
    assert not valid_signature(secret, raw + b" ", sha256, "")
    assert not valid_signature("other-secret", raw, sha256, "")
    # A wrong SHA-256 signature is not rescued by a right SHA-1 one.
    assert not valid_signature(secret, raw, "sha256=00", sha1)
    assert not valid_signature(secret, raw, "md5=" + hashlib.md5(raw).hexdigest(), "")
    assert not valid_signature(secret, raw, "", "")


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
    assert message["text"] == (
        "Read next:\n\n1. What to eat for fatty liver\n2. No\n\nReply with a number."
    )
    assert [reply["title"] for reply in message["quick_replies"]] == ["1", "2"]
    fourteen = [{"title": f"T{number}", "payload": f"/t{number}"} for number in range(14)]
    [message] = messenger_messages("Pick:", fourteen)
    assert "quick_replies" not in message and "14. T13" in message["text"]


def test_the_subscription_check_echoes_the_challenge_only_for_the_verify_token(recorder):
    params = {
        "hub.mode": "subscribe",
        "hub.challenge": "1158201444",
        "hub.verify_token": SECRETS["facebook"]["verify"],
    }
    with serving_channel("facebook", recorder) as (url, _):
        right = requests.get(webhook(url, "facebook"), params=params, timeout=30)
        wrong = requests.get(
            webhook(url, "facebook"), params={**params, "hub.verify_token": "guess"}, timeout=30
        )
    assert (right.status_code, right.text) == (200, "1158201444")
    assert wrong.status_code == 403 and "1158201444" not in wrong.text


def test_badly_signed_deliveries_are_refused(recorder):
    body = delivery(("fb-bad", text_message(QUESTION)))
    with serving_channel("facebook", recorder) as (url, assistant):
        wrong = post_messenger(url, body, secret="not-the-app-secret")
        unsigned = requests.post(
            webhook(url, "facebook"),
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
    for refused in (wrong, unsigned):
        assert (refused.status_code, refused.json()) == (403, REFUSED)
    assert assistant.messages == [] and recorder.calls("facebook") == []


def test_a_question_gets_seen_typing_and_plain_text_with_numbered_quick_replies(recorder):
    with serving_channel("facebook", recorder) as (url, assistant):
        response = post_messenger(url, delivery(("fb-user-1", text_message(QUESTION))))
    assert (response.status_code, response.text) == (200, "success")
    assert assistant.received() == [("messenger:fb-user-1", QUESTION)]
    calls = calls_for(recorder, "fb-user-1")
    token = SECRETS["facebook"]["page-access-token"]
    assert all(call.query["access_token"] == token for call in calls)
    assert all(call.path == "/v21.0/me/messages" for call in calls)
    assert [call.body.get("sender_action") for call in calls] == ["mark_seen", "typing_on", None]
    [message] = sent_to(recorder, "fb-user-1")
    # "What to eat for fatty liver" is over the 20 characters of a quick reply's title.
    assert message["text"] == (
        "MASH is fatty liver with inflammation.\n\n"
        "• Eat more fiber\n• Move every day\n\n"
        "Sources: NIDDK (https://www.niddk.nih.gov/health-information/liver-disease)\n\n"
        "1. Tell me more\n2. What to eat for fatty liver\n3. Other topics\n\n"
        "Reply with a number."
    )
    assert message["quick_replies"] == [
        {"content_type": "text", "title": str(number), "payload": button["payload"]}
        for number, button in enumerate(NEXT, 1)
    ]


def test_a_typed_number_signed_with_sha1_only_chooses_that_option(recorder):
    with serving_channel("facebook", recorder) as (url, assistant):
        post_messenger(url, delivery(("fb-user-2", text_message(QUESTION))))
        # Typed, not tapped, and signed with SHA-1 only, as older app setups are.
        typed = post_messenger(url, delivery(("fb-user-2", text_message("3"))), sha256=False)
    assert typed.status_code == 200
    assert assistant.received()[-1] == ("messenger:fb-user-2", NEXT[2]["payload"])
    assert sent_to(recorder, "fb-user-2")[-1] == {"text": f"echo: {NEXT[2]['payload']}"}


def test_an_answer_asks_was_this_helpful_with_quick_replies_and_a_vote_comes_back(recorder):
    tap = {"text": "👍 Yes", "quick_reply": {"payload": "/helpful"}}
    with serving_channel("facebook", recorder) as (url, assistant):
        post_messenger(url, delivery(("fb-user-7", text_message(ANSWERED_QUESTION))))
        post_messenger(url, delivery(("fb-user-7", tap)))
        post_messenger(url, delivery(("fb-user-7", text_message(ANSWERED_QUESTION))))
        post_messenger(url, delivery(("fb-user-7", text_message("2"))))  # typed
        post_messenger(url, delivery(("fb-user-7", text_message(ANSWERED_QUESTION))))
        post_messenger(url, delivery(("fb-user-7", text_message("4"))))
    _, vote, onward, reminder = sent_to(recorder, "fb-user-7")[:4]
    assert vote == {
        "text": VOTE_PROMPT["text"],
        "quick_replies": [
            {"content_type": "text", "title": "👍 Yes", "payload": "/helpful"},
            {"content_type": "text", "title": "👎 No", "payload": "/not_helpful"},
        ],
    }
    # The next steps' long titles are numbered after the vote's 1 and 2.
    assert "3. Tell me more\n4. What to eat for fatty liver\n5. Other topics" in onward["text"]
    assert [reply["title"] for reply in onward["quick_replies"]] == ["3", "4", "5"]
    assert reminder == {"text": REMINDER}
    assert [text for _, text in assistant.received()][1::2] == [
        "/helpful", "/not_helpful", NEXT[1]["payload"]
    ]


def test_every_message_of_a_batched_delivery_is_answered(recorder):
    body = delivery(("fb-user-3", text_message("hello")), ("fb-user-4", text_message("hi")))
    with serving_channel("facebook", recorder) as (url, assistant):
        assert post_messenger(url, body).status_code == 200
    assert assistant.received() == [("messenger:fb-user-3", "hello"), ("messenger:fb-user-4", "hi")]
    assert sent_to(recorder, "fb-user-3") == [{"text": "echo: hello"}]
    assert sent_to(recorder, "fb-user-4") == [{"text": "echo: hi"}]


def test_a_body_that_is_not_a_delivery_is_refused(recorder):
    raw = b"[1, 2]"
    with serving_channel("facebook", recorder) as (url, assistant):
        refused = requests.post(
            webhook(url, "facebook"), data=raw, headers=messenger_headers(raw), timeout=30
        )
    assert refused.status_code == 400
    assert refused.json() == {"error": "The body must be a Messenger webhook event."}
    assert assistant.messages == []


def test_the_graph_api_version_comes_from_the_entry(recorder):
    with serving_channel("facebook", recorder, api_version="v19.0") as (url, _):
        post_messenger(url, delivery(("fb-user-5", text_message("hello"))))
    assert {call.path for call in calls_for(recorder, "fb-user-5")} == {"/v19.0/me/messages"}
