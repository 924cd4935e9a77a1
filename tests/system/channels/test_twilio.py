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
