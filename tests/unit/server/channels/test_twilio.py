"""Twilio (WhatsApp and SMS) in-process: form posts signed as Twilio signs them, replies
as the Messages API (the recorder) gets them, a stand-in assistant behind the channel."""

from __future__ import annotations

import base64
from typing import List

import requests

from server.channels.twilio import MAX_MESSAGE_CHARS, message_limit, twilio_bodies
from tests.harness.service_requests import (
    TWILIO,
    post_twilio,
    twilio_form,
    webhook,
)
from tests.unit.server.channels.webhook_serving import (
    ANSWERED_QUESTION,
    NEXT,
    QUESTION,
    REMINDER,
    serving_channel,
)

WHATSAPP_USER = "whatsapp:+15551230001"
SMS_USER = "+15551230002"
REFUSED = {"error": "Missing or wrong X-Twilio-Signature."}


def bodies_to(recorder, recipient: str) -> List[str]:
    calls = recorder.calls("twilio")
    return [call.body["Body"] for call in calls if call.body.get("To") == recipient]


def test_buttons_become_numbered_options_and_bold_follows_the_service():
    buttons = [
        {"title": "What to eat for fatty liver", "payload": "/diet"},
        {"title": "Exercise", "payload": "/exercise"},
    ]
    [body] = twilio_bodies("Read **next**:", buttons, whatsapp=True)
    assert body == (
        "Read *next*:\n\n1. What to eat for fatty liver\n2. Exercise\n\nReply with a number."
    )
    assert twilio_bodies("Read **next**:", [], whatsapp=False) == ["Read next:"]


def test_message_limit_stays_within_what_twilio_accepts():
    assert message_limit(None) == MAX_MESSAGE_CHARS == 1600
    assert message_limit("700") == 700
    assert message_limit(5000) == 1600 and message_limit(10) == 160
    assert message_limit("many") == 1600


def test_unsigned_and_wrongly_signed_posts_are_refused(recorder):
    fields = twilio_form("whatsapp:+15551230009", QUESTION)
    with serving_channel("twilio", recorder) as (url, assistant):
        unsigned = requests.post(webhook(url, "twilio"), data=fields, timeout=30)
        wrong_token = post_twilio(url, fields, token="not-the-auth-token")
        # Signed for the URL the server sees, not the public one Twilio is configured with.
        seen_url = post_twilio(url, fields, signed_url=webhook(url, "twilio"))
    for refused in (unsigned, wrong_token, seen_url):
        assert (refused.status_code, refused.json()) == (403, REFUSED)
    assert assistant.messages == [] and recorder.calls("twilio") == []


def test_without_webhook_url_the_url_the_server_sees_is_checked(recorder):
    fields = twilio_form("whatsapp:+15551230008", "hello")
    with serving_channel("twilio", recorder, webhook_url="") as (url, assistant):
        seen_url = post_twilio(url, fields, signed_url=webhook(url, "twilio"))
        public_url = post_twilio(url, fields)
    assert (seen_url.status_code, public_url.status_code) == (204, 403)
    assert assistant.received() == [("whatsapp:+15551230008", "hello")]


def test_whatsapp_gets_bold_and_numbered_options_split_under_the_limit(recorder):
    with serving_channel("twilio", recorder, max_message_chars=160) as (url, assistant):
        response = post_twilio(url, twilio_form(WHATSAPP_USER, QUESTION))
    assert (response.status_code, response.text) == (204, "")
    # Twilio's own address for a WhatsApp user is its conversation key.
    assert assistant.received() == [(WHATSAPP_USER, QUESTION)]
    calls = [call for call in recorder.calls("twilio") if call.body.get("To") == WHATSAPP_USER]
    sid, token = TWILIO["account_sid"], TWILIO["auth_token"]
    basic = "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()
    assert all(call.path == f"/2010-04-01/Accounts/{sid}/Messages.json" for call in calls)
    assert all(call.headers["authorization"] == basic for call in calls)
    # Replies to a whatsapp: sender come from the whatsapp: form of the number.
    assert all(call.body["From"] == "whatsapp:" + TWILIO["twilio_number"] for call in calls)
    bodies = bodies_to(recorder, WHATSAPP_USER)
    assert len(bodies) > 1 and all(len(body) <= 160 for body in bodies)
    assert "\n\n".join(bodies) == (
        "*MASH* is fatty liver with inflammation.\n\n"
        "• Eat more fiber\n• Move every day\n\n"
        "Sources: NIDDK (https://www.niddk.nih.gov/health-information/liver-disease)\n\n"
        "1. Tell me more\n2. What to eat for fatty liver\n3. Other topics\n\n"
        "Reply with a number."
    )


def test_replying_with_a_number_chooses_that_option(recorder):
    with serving_channel("twilio", recorder) as (url, assistant):
        post_twilio(url, twilio_form("whatsapp:+15551230003", QUESTION))
        chosen = post_twilio(url, twilio_form("whatsapp:+15551230003", "2"))
    assert chosen.status_code == 204
    assert assistant.received()[-1] == ("whatsapp:+15551230003", NEXT[1]["payload"])
    assert bodies_to(recorder, "whatsapp:+15551230003")[-1] == f"echo: {NEXT[1]['payload']}"


def test_an_answer_asks_reply_1_or_2_and_the_next_steps_go_on_from_3(recorder):
    with serving_channel("twilio", recorder) as (url, assistant):
        post_twilio(url, twilio_form(SMS_USER, ANSWERED_QUESTION))
        post_twilio(url, twilio_form(SMS_USER, "1"))
        post_twilio(url, twilio_form(SMS_USER, ANSWERED_QUESTION))
        post_twilio(url, twilio_form(SMS_USER, "2"))
        post_twilio(url, twilio_form(SMS_USER, ANSWERED_QUESTION))
        post_twilio(url, twilio_form(SMS_USER, "3"))
        post_twilio(url, twilio_form("whatsapp:+15551230005", ANSWERED_QUESTION))
    assert bodies_to(recorder, SMS_USER)[1:3] == [
        "Was this helpful?\n\n1. 👍 Yes\n2. 👎 No\n\nReply with a number.",
        "Want to know more?\n\n3. Tell me more\n4. What to eat for fatty liver\n"
        "5. Other topics\n\nReply with a number.",
    ]
    assert [text for _, text in assistant.received()][1::2] == [
        "/helpful", "/not_helpful", NEXT[0]["payload"]
    ]
    # WhatsApp: the same numbers, the answer and the reminder in messages of their own.
    whatsapp = bodies_to(recorder, "whatsapp:+15551230005")
    assert len(whatsapp) == 4 and whatsapp[0].startswith("*MASH*") and whatsapp[3] == REMINDER
    assert whatsapp[1].startswith("Was this helpful?\n\n1. 👍 Yes\n2. 👎 No")
    assert "\n\n3. Tell me more" in whatsapp[2]


def test_sms_gets_plain_text_from_the_number(recorder):
    with serving_channel("twilio", recorder) as (url, assistant):
        assert post_twilio(url, twilio_form(SMS_USER, QUESTION)).status_code == 204
    assert assistant.received() == [(f"sms:{SMS_USER}", QUESTION)]
    calls = [call for call in recorder.calls("twilio") if call.body.get("To") == SMS_USER]
    assert calls and all(call.body["From"] == TWILIO["twilio_number"] for call in calls)
    [body] = bodies_to(recorder, SMS_USER)
    assert body.startswith("MASH is fatty liver") and "*" not in body and "\n• " in body


def test_a_photo_without_text_and_an_sms_at_sign_are_read_as_meant(recorder):
    photo = twilio_form(
        "whatsapp:+15551230004",
        "",
        NumMedia="1",
        MediaContentType0="image/jpeg",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0",
    )
    with serving_channel("twilio", recorder) as (url, assistant):
        assert post_twilio(url, photo).status_code == 204
        # Some carriers turn @ into ¡ in SMS.
        assert post_twilio(url, twilio_form(SMS_USER, "mail me¡example.org")).status_code == 204
    assert assistant.received() == [
        ("whatsapp:+15551230004", ""),
        (f"sms:{SMS_USER}", "mail me@example.org"),
    ]
    assert bodies_to(recorder, "whatsapp:+15551230004") == ["echo:"]


def test_a_form_without_a_sender_is_refused(recorder):
    fields = twilio_form(SMS_USER, "hello")
    del fields["From"]
    with serving_channel("twilio", recorder) as (url, assistant):
        refused = post_twilio(url, fields)
    assert (refused.status_code, refused.json()) == (400, {"error": "The form has no From field."})
    assert assistant.messages == []
