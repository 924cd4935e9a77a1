"""Twilio (WhatsApp and SMS): form posts signed as Twilio signs them, replies as the Messages API gets them."""

from __future__ import annotations

import base64
import time
from typing import Dict, List

import pytest
import requests
from twilio.request_validator import RequestValidator

from server.channels.twilio import MAX_MESSAGE_CHARS, message_limit, twilio_bodies
from tests.system.channels import expected
from tests.channel_settings import SECRETS

SETTINGS = SECRETS["twilio"]
LIMIT = SETTINGS["max_message_chars"]
WHATSAPP_USER = "whatsapp:+15551230001"
SMS_USER = "+15551230002"


def form(sender: str, body: str, **extra: str) -> Dict[str, str]:
    """The fields Twilio posts for an incoming WhatsApp or SMS message."""
    whatsapp = sender.startswith("whatsapp:")
    sid = f"SM{time.time_ns():032d}"[:34]
    fields = {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "SmsSid": sid,
        "SmsStatus": "received",
        "Body": body,
        "To": ("whatsapp:" if whatsapp else "") + SETTINGS["twilio_number"],
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": SETTINGS["account_sid"],
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    if whatsapp:
        fields.update({"ProfileName": "Ann", "WaId": sender.split("+")[1]})
    fields.update(extra)
    return fields


def post(
    server,
    fields: Dict[str, str],
    signed_url: str = SETTINGS["webhook_url"],
    token: str = SETTINGS["auth_token"],
) -> requests.Response:
    """Signed for the public webhook URL, posted to the server behind the 'proxy'."""
    signature = RequestValidator(token).compute_signature(signed_url, fields)
    return requests.post(
        f"{server.url}/webhooks/twilio/webhook",
        data=fields,
        headers={"X-Twilio-Signature": signature},
        timeout=60,
    )


def bodies_to(server, recipient: str) -> List[str]:
    return [
        call.body["Body"]
        for call in server.recorder.calls("twilio")
        if call.body.get("To") == recipient
    ]


def test_buttons_become_numbered_options_and_bold_follows_the_service():
    buttons = [
        {"title": "What to eat for fatty liver", "payload": "/diet"},
        {"title": "Exercise", "payload": "/exercise"},
    ]
    [body] = twilio_bodies("Read **next**:", buttons, whatsapp=True)
    assert (
        body
        == "Read *next*:\n\n1. What to eat for fatty liver\n2. Exercise\n\nReply with a number."
    )
    assert twilio_bodies("Read **next**:", [], whatsapp=False) == ["Read next:"]


def test_message_limit_stays_within_what_twilio_accepts():
    assert message_limit(None) == MAX_MESSAGE_CHARS == 1600
    assert message_limit("700") == 700
    assert (
        message_limit(5000) == 1600 and message_limit(10) == 160 and message_limit("many") == 1600
    )


@pytest.mark.server
def test_unsigned_and_wrongly_signed_posts_are_refused(channel_server):
    fields = form("whatsapp:+15551230009", expected.NASH_QUESTION)
    unsigned = requests.post(
        f"{channel_server.url}/webhooks/twilio/webhook", data=fields, timeout=30
    )
    assert unsigned.status_code == 403
    assert post(channel_server, fields, token="not-the-auth-token").status_code == 403
    # Signed for the URL the server sees, not the public one Twilio is configured with.
    assert (
        post(
            channel_server, fields, signed_url=f"{channel_server.url}/webhooks/twilio/webhook"
        ).status_code
        == 403
    )
    assert bodies_to(channel_server, "whatsapp:+15551230009") == []


@pytest.mark.server
def test_whatsapp_question_gets_split_answer_numbered_options_and_disclaimer(channel_server):
    response = post(channel_server, form(WHATSAPP_USER, expected.NASH_QUESTION))
    assert response.status_code == 204, response.text
    calls = [
        call
        for call in channel_server.recorder.calls("twilio")
        if call.body.get("To") == WHATSAPP_USER
    ]
    sid, token = SETTINGS["account_sid"], SETTINGS["auth_token"]
    assert all(call.path == f"/2010-04-01/Accounts/{sid}/Messages.json" for call in calls)
    assert all(call.body["From"] == "whatsapp:" + SETTINGS["twilio_number"] for call in calls)
    basic = "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()
    assert all(call.headers["authorization"] == basic for call in calls)
    bodies = bodies_to(channel_server, WHATSAPP_USER)
    assert all(len(body) <= LIMIT for body in bodies)
    assert bodies[0] == expected.FULL_DISCLAIMER
    # The answer, then its sources (in the same body when they fit), in order.
    start = next(
        i for i, body in enumerate(bodies) if body.startswith(expected.opening_words(expected.NASH))
    )
    sources = next(i for i, body in enumerate(bodies) if "Sources:" in body)
    assert sources >= start
    options = next(body for body in bodies if body.endswith("Reply with a number."))
    for number, title in enumerate(expected.related_titles(expected.NASH), 1):
        assert f"\n{number}. {title}" in options
    assert bodies[-1] == expected.DISCLAIMER_LINE


@pytest.mark.server
def test_replying_with_a_number_chooses_that_option(channel_server):
    post(channel_server, form("whatsapp:+15551230003", expected.NASH_QUESTION))
    # Option 1 is "Tell me more"; option 2 the first related topic.
    response = post(channel_server, form("whatsapp:+15551230003", "2"))
    assert response.status_code == 204
    first_related = expected.related_payloads(expected.NASH)[1]
    assert channel_server.user_texts("whatsapp:+15551230003")[-1] == first_related
    # Over REST, that person's number names nothing: no message, no deletion.
    for message in ("/confirm_forget_me", "/forget_me", "hello"):
        refused = channel_server.rest("whatsapp:+15551230003", message)
        assert refused.status_code == 400, refused.text
    assert channel_server.user_texts("whatsapp:+15551230003")[-1] == first_related
    topic_id = first_related[1:]
    bodies = bodies_to(channel_server, "whatsapp:+15551230003")
    assert any(body.startswith(expected.opening_words(topic_id)) for body in bodies)
    answer = "\n\n".join(bodies)
    assert "**" not in answer


@pytest.mark.server
def test_sms_gets_plain_text(channel_server):
    assert post(channel_server, form(SMS_USER, expected.details_payload("diet"))).status_code == 204
    calls = [
        call for call in channel_server.recorder.calls("twilio") if call.body.get("To") == SMS_USER
    ]
    assert calls and all(call.body["From"] == SETTINGS["twilio_number"] for call in calls)
    answer = "\n\n".join(call.body["Body"] for call in calls)
    assert expected.details_opening_words("diet") in answer
    assert "*" not in answer and "\n• " in answer


@pytest.mark.server
def test_a_photo_without_text_gets_a_reply(channel_server):
    fields = form(
        "whatsapp:+15551230004",
        "",
        NumMedia="1",
        MediaContentType0="image/jpeg",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0",
    )
    assert post(channel_server, fields).status_code == 204
    assert bodies_to(channel_server, "whatsapp:+15551230004"), "no reply to a photo"
