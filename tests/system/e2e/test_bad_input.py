"""Odd input gets HTTP 200 and a short, sensible reply, and the conversation goes on."""

import pytest
import requests

from actions.topic_library import all_topics
from server.nlu.message_guard import MAX_MESSAGE_CHARS

BAD_INPUTS = {
    "empty": "",
    "whitespace": "   \n\t  ",
    "at the limit": "why " * 250,
    "html": "<b>hello</b><script>alert('x')</script>",
    "img tag": "<img src=x onerror=alert(1)>",
    "emoji": "😀🎉🔥",
    "spanish": "¿Qué es el hígado graso y cómo se cura?",
    "chinese": "脂肪肝是什么",
    "control characters": "\x00\x01\x1b[2J\x7f",
    "sql-ish": "'; DROP TABLE events; --",
}


@pytest.mark.parametrize("message", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_gets_a_reply_and_the_conversation_goes_on(assistant, sender, message):
    replies = assistant.say(sender, message)

    assert replies, "every message gets a reply"
    assert all(len(reply.get("text", "")) < 2_000 for reply in replies)
    follow_up = assistant.say(sender, "what is insulin?")
    assert all_topics()["what_is_insulin"].sources_line in [r.get("text") for r in follow_up]


def test_a_message_over_the_limit_is_refused_and_not_stored(assistant, sender):
    # Socket.IO refuses it too: no channel stores more than MAX_MESSAGE_CHARS.
    assistant.say(sender, "hello")
    response = requests.post(
        f"{assistant.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "what is insulin " + "x" * 20_000}, timeout=60,
    )
    assert response.status_code == 400 and f"{MAX_MESSAGE_CHARS:,} characters" in response.json()["error"]
    users = [e["text"] for e in assistant.tracker(sender)["events"] if e["event"] == "user"]
    assert users == ["hello"]


@pytest.mark.parametrize(
    "body",
    [
        '{"sender": "x", "message": ',
        "not json at all",
        '{"message": 42}',
        "[]",
        '{"sender": "", "message": "hi"}',
        '{"sender": "x", "message": "hi", "metadata": "nope"}',
    ],
)
def test_broken_json_gets_a_client_error_not_a_crash(assistant, body):
    response = requests.post(
        f"{assistant.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400, (response.status_code, response.text)
    assert "JSON" in response.json()["error"] or "must be" in response.json()["error"]
    assert requests.get(f"{assistant.rasa_url}/", timeout=10).status_code == 200
