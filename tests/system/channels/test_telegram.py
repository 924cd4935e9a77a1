"""Telegram live: a signed update through the real assistant, the answer at the Bot API.
The protocol itself: tests/unit/server/channels/test_telegram.py."""

from __future__ import annotations

import pytest

from tests.system.channels.expected import NASH, NASH_QUESTION, opening_words
from tests.harness.service_requests import post_telegram, text_update


@pytest.mark.server
def test_a_question_is_answered_and_kept_under_the_telegram_key(channel_server):
    response = post_telegram(channel_server.url, text_update(7001, NASH_QUESTION))
    assert response.status_code == 200, response.text
    texts = [
        call.body["text"]
        for call in channel_server.recorder.calls("telegram")
        if call.path.endswith("/sendMessage") and call.body.get("chat_id") == "7001"
    ]
    assert any(opening_words(NASH) in text for text in texts), texts
    # Answered once the turn was stored.
    assert channel_server.user_texts("telegram:7001") == [NASH_QUESTION]
