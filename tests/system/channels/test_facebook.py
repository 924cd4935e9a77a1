"""Messenger live: a signed delivery through the real assistant, the answer at the Send API.
The protocol itself: tests/unit/server/channels/test_facebook.py."""

from __future__ import annotations

import pytest

from tests.system.channels.expected import NASH, NASH_QUESTION, opening_words
from tests.harness.service_requests import delivery, post_messenger, text_message


@pytest.mark.server
def test_a_question_is_answered_and_kept_under_the_messenger_key(channel_server):
    body = delivery(("fb-user-1", text_message(NASH_QUESTION)))
    response = post_messenger(channel_server.url, body)
    assert response.status_code == 200, response.text
    texts = [
        call.body["message"].get("text", "")
        for call in channel_server.recorder.calls("facebook")
        if call.body.get("recipient", {}).get("id") == "fb-user-1" and "message" in call.body
    ]
    assert any(opening_words(NASH) in text for text in texts), texts
    # Answered once the turn was stored.
    assert channel_server.user_texts("messenger:fb-user-1") == [NASH_QUESTION]
