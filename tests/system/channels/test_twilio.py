"""Twilio live: a signed WhatsApp form through the real assistant, the answer at the
Messages API. The protocol itself: tests/unit/server/channels/test_twilio.py."""

from __future__ import annotations

import pytest

from tests.system.channels.expected import NASH, NASH_QUESTION, opening_words
from tests.harness.service_requests import post_twilio, twilio_form

WHATSAPP_USER = "whatsapp:+15551230001"


@pytest.mark.server
def test_a_question_is_answered_and_kept_under_the_whatsapp_key(channel_server):
    response = post_twilio(channel_server.url, twilio_form(WHATSAPP_USER, NASH_QUESTION))
    assert response.status_code == 204, response.text
    bodies = [
        call.body["Body"]
        for call in channel_server.recorder.calls("twilio")
        if call.body.get("To") == WHATSAPP_USER
    ]
    assert any(body.startswith(opening_words(NASH)) for body in bodies), bodies
    # Answered once the turn was stored.
    assert channel_server.user_texts(WHATSAPP_USER) == [NASH_QUESTION]


@pytest.mark.server
def test_reply_1_after_an_answer_votes_for_that_topic_and_3_is_the_next_step(channel_server):
    sms_user = "+15551230007"
    post_twilio(channel_server.url, twilio_form(sms_user, NASH_QUESTION))
    bodies = [
        call.body["Body"]
        for call in channel_server.recorder.calls("twilio")
        if call.body.get("To") == sms_user
    ]
    assert "Was this helpful?\n\n1. 👍 Yes\n2. 👎 No\n\nReply with a number." in bodies, bodies
    assert any("\n\n3. Tell me more\n" in body for body in bodies), bodies
    assert post_twilio(channel_server.url, twilio_form(sms_user, "1")).status_code == 204
    events = channel_server.tracker(f"sms:{sms_user}")["events"]
    assert channel_server.user_texts(f"sms:{sms_user}") == [NASH_QUESTION, "/helpful"]
    vote = [e for e in events if e["event"] == "user"][-1]
    assert vote["parse_data"]["intent"]["name"] == "helpful"
    assert channel_server.tracker(f"sms:{sms_user}")["slots"]["topic"] == NASH
