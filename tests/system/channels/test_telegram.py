"""Telegram: updates posted as Telegram posts them, replies as the Bot API receives them."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, List

import pytest
import requests

from server.channels.telegram import MAX_MESSAGE_CHARS, TelegramReplies, parse_update
from tests.system.channels import expected
from tests.channel_settings import SECRETS

SECRET = SECRETS["telegram"]["secret_token"]
TOKEN = SECRETS["telegram"]["access_token"]


def user(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Ann", "language_code": "en"}


def text_update(chat_id: int, text: str) -> Dict[str, Any]:
    return {
        "update_id": chat_id * 10 + 1,
        "message": {
            "message_id": 11,
            "from": user(chat_id),
            "chat": {"id": chat_id, "first_name": "Ann", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def button_update(chat_id: int, data: str) -> Dict[str, Any]:
    return {
        "update_id": chat_id * 10 + 2,
        "callback_query": {
            "id": f"cb-{chat_id}",
            "from": user(chat_id),
            "message": {
                "message_id": 12,
                "from": {"id": 1, "is_bot": True, "first_name": "Liver Insight"},
                "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time()),
                "text": "You may also want to read:",
            },
            "chat_instance": "-4242",
            "data": data,
        },
    }


def test_parse_update_reads_messages_taps_and_non_text():
    assert parse_update(text_update(5, "what is nash")) == ("5", "what is nash", None)
    assert parse_update(button_update(5, "/diet")) == ("5", "/diet", "cb-5")
    sticker = text_update(5, "x")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "abc"}
    assert parse_update(sticker) == ("5", "", None)
    assert parse_update(text_update(5, "/start@LiverInsightBot")) == ("5", "/greet", None)
    assert parse_update({"update_id": 1, "my_chat_member": {}}) == (None, "", None)


def post(server, update: Dict[str, Any], secret: str = SECRET) -> requests.Response:
    return requests.post(
        f"{server.url}/webhooks/telegram/webhook",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
        timeout=60,
    )


def sent_to(server, chat_id: int) -> List[Dict[str, Any]]:
    return sent_to_chat(server.recorder, chat_id)


@pytest.mark.server
def test_webhook_is_registered_with_its_secret(channel_server):
    calls = [
        call
        for call in channel_server.recorder.calls("telegram")
        if call.path.endswith("/setWebhook")
    ]
    assert len(calls) == 1
    assert calls[0].path == f"/bot{TOKEN}/setWebhook"
    assert calls[0].body["url"] == SECRETS["telegram"]["webhook_url"]
    assert calls[0].body["secret_token"] == SECRET
    assert json.loads(calls[0].body["allowed_updates"]) == [
        "message",
        "edited_message",
        "callback_query",
    ]


@pytest.mark.server
def test_requests_without_the_secret_token_are_refused(channel_server):
    for secret in ("", "wrong-secret"):
        response = post(channel_server, text_update(7002, expected.NASH_QUESTION), secret)
        assert response.status_code == 401
    assert sent_to(channel_server, 7002) == []


@pytest.mark.server
def test_a_question_gets_html_answer_keyboard_and_disclaimer(channel_server):
    response = post(channel_server, text_update(7001, expected.NASH_QUESTION))
    assert response.status_code == 200, response.text
    messages = sent_to(channel_server, 7001)
    texts = [message["text"] for message in messages]
    assert all(len(text) <= MAX_MESSAGE_CHARS for text in texts)
    assert all(message["parse_mode"] == "HTML" for message in messages)
    assert texts[0] == expected.FULL_DISCLAIMER  # a new conversation opens with it
    # The answer and its sources come as one message, not one per paragraph.
    answer = next(text for text in texts if expected.opening_words(expected.NASH) in text)
    assert "Sources:" in answer and "**" not in answer
    with_keyboard = [message for message in messages if "reply_markup" in message]
    assert len(with_keyboard) == 1
    keyboard = json.loads(with_keyboard[0]["reply_markup"])["inline_keyboard"]
    # One button a row, each carrying the topic's payload as callback data.
    assert [row[0]["callback_data"] for row in keyboard] == expected.related_payloads(expected.NASH)
    assert [row[0]["text"] for row in keyboard] == expected.related_titles(expected.NASH)
    assert texts[-1] == expected.DISCLAIMER_LINE


@pytest.mark.server
def test_a_button_tap_is_answered_and_bold_becomes_html(channel_server):
    response = post(channel_server, button_update(7003, expected.details_payload("diet")))
    assert response.status_code == 200, response.text
    taps = [
        call.body
        for call in channel_server.recorder.calls("telegram")
        if call.path.endswith("/answerCallbackQuery")
    ]
    assert {"callback_query_id": "cb-7003"} in taps
    answer = next(
        text
        for text in (m["text"] for m in sent_to(channel_server, 7003))
        if expected.details_opening_words("diet") in text
    )
    assert expected.has_bold("diet")
    assert "<b>" in answer and "</b>" in answer and "**" not in answer
    assert "\n• " in answer  # list items keep their line, with a bullet Telegram shows


@pytest.mark.server
def test_a_sticker_gets_the_try_again_reply(channel_server):
    update = text_update(7004, "x")
    del update["message"]["text"]
    update["message"]["sticker"] = {"file_id": "abc", "width": 512, "height": 512}
    response = post(channel_server, update)
    assert response.status_code == 200, response.text
    assert sent_to(channel_server, 7004), "no reply to a sticker"
    assert channel_server.user_texts("telegram:7004") == [""]


@pytest.mark.server
def test_a_rest_client_cannot_name_a_telegram_conversation(channel_server):
    assert post(channel_server, text_update(7010, expected.NASH_QUESTION)).status_code == 200
    assert channel_server.user_texts("telegram:7010") == [expected.NASH_QUESTION]
    for sender in ("telegram:7010", " Telegram:7010"):
        refused = channel_server.rest(sender, "/confirm_forget_me")
        assert refused.status_code == 400, refused.text
        assert "telegram:" in refused.json()["error"]
    # The bare chat id is a REST conversation of its own, not the Telegram one.
    assert channel_server.rest("7010", "hello").status_code == 200
    assert channel_server.user_texts("telegram:7010") == [expected.NASH_QUESTION]
    assert channel_server.user_texts("7010") == ["hello"]


async def test_long_payloads_fall_back_to_numbered_options_and_long_text_is_split(recorder):
    replies = TelegramReplies(TOKEN, recorder.url("telegram"))
    try:
        long_payload = '/help{"menu_group":"' + "x" * 60 + '"}'
        buttons = [{"title": "Basics", "payload": long_payload}]
        await replies.send_reply("9001", "Pick one:", buttons)
        paragraph = "A sentence that repeats. " * 100  # 2500 characters
        await replies.send_reply(
            "9002", f"{paragraph}\n\n{paragraph}", [{"title": "Diet", "payload": "/diet"}]
        )
    finally:
        await replies.session.close()
    [numbered] = sent_to_chat(recorder, 9001)
    assert numbered["text"] == "Pick one:\n\n1. Basics\n\nReply with a number."
    assert "reply_markup" not in numbered
    split = sent_to_chat(recorder, 9002)
    assert len(split) == 2 and all(len(message["text"]) <= MAX_MESSAGE_CHARS for message in split)
    assert "reply_markup" not in split[0] and "/diet" in split[1]["reply_markup"]


def sent_to_chat(recorder, chat_id: int) -> List[Dict[str, Any]]:
    return [
        call.body
        for call in recorder.calls("telegram")
        if call.path.endswith("/sendMessage") and call.body.get("chat_id") == str(chat_id)
    ]
