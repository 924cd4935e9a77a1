"""Slack live: a signed event through the real assistant, the answer at chat.postMessage.
The protocol itself: tests/unit/server/channels/test_slack.py."""

from __future__ import annotations

import time

import pytest

from tests.system.channels.expected import NASH, NASH_QUESTION, opening_words
from tests.harness.service_requests import message_event, post_slack_event


@pytest.mark.server
def test_a_question_is_answered_and_kept_under_the_slack_key(channel_server):
    response = post_slack_event(channel_server.url, message_event("U0456", "D0456", NASH_QUESTION))
    assert response.status_code == 200  # answered at once; the reply follows in the background
    answer = opening_words(NASH)
    channel_server.recorder.wait_for(
        lambda calls: any(
            call.body.get("channel") == "D0456" and answer in call.body.get("text", "")
            for call in calls
        ),
        "slack",
    )
    # Rasa stores the turn once its replies are sent: give it a moment.
    deadline = time.monotonic() + 30
    while not channel_server.user_texts("slack:U0456") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert channel_server.user_texts("slack:U0456") == [NASH_QUESTION]
