"""A message sent twice with the same id is handled once, through nginx and the shared store."""

from __future__ import annotations

import pytest
import requests

from tests.conftest import heldout_examples
from tests.integration.conftest import bot_texts, reply_texts, say, stored_events, user_texts

pytestmark = pytest.mark.server

QUESTION = heldout_examples()["what_is_fatty_liver"][0]


def test_a_retried_message_is_answered_from_the_store_not_twice(stack):
    sender, headers = "retry-check", {"X-Request-ID": "retry-check-message-1"}
    with requests.Session() as session:
        first = say(session, stack.nginx.url, sender, QUESTION, headers)
        retry = say(session, stack.nginx.url, sender, QUESTION, headers)

    assert first.status_code == retry.status_code == 200, (first.text, retry.text)
    assert "X-Idempotent-Replay" not in first.headers
    assert retry.headers.get("X-Idempotent-Replay") == "true"
    assert retry.json() == first.json() and first.json(), "the retry gets the same replies"
    events = stored_events(stack, sender)
    assert user_texts(events) == [QUESTION], "stored once"
    assert bot_texts(events) == reply_texts(first.json())


def test_a_new_message_id_is_a_new_message(stack):
    sender = "retry-check-distinct"
    with requests.Session() as session:
        for number in (1, 2):
            reply = say(session, stack.nginx.url, sender, QUESTION,
                        {"X-Request-ID": f"{sender}-{number}"})
            assert reply.status_code == 200 and "X-Idempotent-Replay" not in reply.headers

    assert user_texts(stored_events(stack, sender)) == [QUESTION, QUESTION]


def test_a_known_id_with_another_text_never_returns_the_stored_replies(stack):
    sender, headers = "retry-check-other-text", {"X-Request-ID": "retry-check-reused-id"}
    other_question = heldout_examples()["what_is_insulin"][0]
    with requests.Session() as session:
        first = say(session, stack.nginx.url, sender, QUESTION, headers)
        reused = say(session, stack.nginx.url, sender, other_question, headers)

    assert first.status_code == reused.status_code == 200
    assert "X-Idempotent-Replay" not in reused.headers
    assert user_texts(stored_events(stack, sender)) == [QUESTION, other_question]
