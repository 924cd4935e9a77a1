"""Telegram in-process: updates posted as Telegram posts them, replies as the Bot API
(the recorder) receives them, a stand-in assistant behind the channel."""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List

import requests

from server.channels.telegram import MAX_MESSAGE_CHARS, TelegramReplies, parse_update
from tests.channel_settings import SECRETS
from tests.harness.service_requests import (
    button_update,
    post_telegram,
    text_update,
    webhook,
)
from tests.unit.server.channels.webhook_serving import (
    ANSWERED_QUESTION,
    NEXT,
    QUESTION,
    REMINDER,
    VOTE_PROMPT,
    VOTES,
    serving_channel,
)

TOKEN = SECRETS["telegram"]["access_token"]


def sent_to_chat(recorder, chat_id: int) -> List[Dict[str, Any]]:
    return [
        call.body
        for call in recorder.calls("telegram")
        if call.path.endswith("/sendMessage") and call.body.get("chat_id") == str(chat_id)
    ]


def keyboard_of(message: Dict[str, Any]) -> List[List[Dict[str, Any]]]:
    return json.loads(message["reply_markup"])["inline_keyboard"]


def test_parse_update_reads_messages_taps_and_non_text():
    assert parse_update(text_update(5, "what is nash")) == ("5", "what is nash", None)
    assert parse_update(button_update(5, "/diet")) == ("5", "/diet", "cb-5")
    sticker = text_update(5, "x")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "abc"}
    assert parse_update(sticker) == ("5", "", None)
    assert parse_update(text_update(5, "/start@LiverInsightBot")) == ("5", "/greet", None)
    assert parse_update({"update_id": 1, "my_chat_member": {}}) == (None, "", None)


def test_the_webhook_is_registered_with_its_secret_at_start_up(recorder, caplog):
    caplog.set_level(logging.INFO, logger="server.channels.telegram")
    with serving_channel("telegram", recorder):
        calls = [call for call in recorder.calls("telegram") if call.path.endswith("/setWebhook")]
    [call] = calls
    assert call.path == f"/bot{TOKEN}/setWebhook"
    assert call.body["url"] == SECRETS["telegram"]["webhook_url"]
    assert call.body["secret_token"] == SECRETS["telegram"]["secret_token"]
    assert json.loads(call.body["allowed_updates"]) == [
        "message",
        "edited_message",
        "callback_query",
    ]
    assert "Telegram webhook registered." in caplog.messages


def test_requests_without_the_secret_token_are_refused(recorder):
    with serving_channel("telegram", recorder) as (url, assistant):
        for secret in ("", "wrong-secret"):
            refused = post_telegram(url, text_update(7002, QUESTION), secret)
            assert refused.status_code == 401
            assert refused.json() == {"error": "Missing or wrong X-Telegram-Bot-Api-Secret-Token."}
    assert assistant.messages == [] and sent_to_chat(recorder, 7002) == []


def test_a_question_gets_one_html_message_with_a_keyboard(recorder):
    with serving_channel("telegram", recorder) as (url, assistant):
        response = post_telegram(url, text_update(7001, QUESTION))
    assert (response.status_code, response.text) == (200, "success")
    # Keyed `telegram:<chat id>`; the reply goes to the bare chat id.
    assert assistant.received() == [("telegram:7001", QUESTION)]
    assert assistant.messages[0].input_channel == "telegram"
    [message] = sent_to_chat(recorder, 7001)
    assert message["parse_mode"] == "HTML"
    assert message["text"] == (
        "<b>MASH</b> is fatty liver with inflammation.\n\n"
        "• Eat more fiber\n• Move every day\n\n"
        'Sources: <a href="https://www.niddk.nih.gov/health-information/liver-disease">NIDDK</a>'
    )
    # One button a row, each carrying the payload as callback data.
    assert keyboard_of(message) == [
        [{"text": button["title"], "callback_data": button["payload"]}] for button in NEXT
    ]


def test_a_button_tap_is_answered_and_its_payload_handled(recorder):
    with serving_channel("telegram", recorder) as (url, assistant):
        response = post_telegram(url, button_update(7003, "/diet"))
    assert response.status_code == 200, response.text
    taps = [
        call.body
        for call in recorder.calls("telegram")
        if call.path.endswith("/answerCallbackQuery")
    ]
    assert taps == [{"callback_query_id": "cb-7003"}]
    assert assistant.received() == [("telegram:7003", "/diet")]
    assert [message["text"] for message in sent_to_chat(recorder, 7003)] == ["echo: /diet"]


def test_a_typed_number_chooses_that_button(recorder):
    with serving_channel("telegram", recorder) as (url, assistant):
        post_telegram(url, text_update(7005, QUESTION))
        post_telegram(url, text_update(7005, "2"))
        post_telegram(url, text_update(7005, "2"))  # the options of the latest turn only
    assert [text for _, text in assistant.received()] == [QUESTION, NEXT[1]["payload"], "2"]


def test_an_answer_asks_was_this_helpful_with_buttons_and_a_vote_comes_back(recorder):
    with serving_channel("telegram", recorder) as (url, assistant):
        post_telegram(url, text_update(7010, ANSWERED_QUESTION))
        tapped = post_telegram(url, button_update(7010, VOTES[0]))
        post_telegram(url, text_update(7011, ANSWERED_QUESTION))
        post_telegram(url, text_update(7011, "2"))  # typed: the vote's own number
        post_telegram(url, text_update(7012, ANSWERED_QUESTION))
        post_telegram(url, text_update(7012, "3"))  # the next steps go on from 3
    assert tapped.status_code == 200
    answer = sent_to_chat(recorder, 7010)[:4]
    assert [message["text"] for message in answer[1:]] == [
        VOTE_PROMPT["text"], "Want to know more?", REMINDER
    ]
    # 👍 and 👎 as an inline keyboard under the question, each sending its vote.
    assert keyboard_of(answer[1]) == [
        [{"text": "👍 Yes", "callback_data": "/helpful"}],
        [{"text": "👎 No", "callback_data": "/not_helpful"}],
    ]
    assert [row[0]["callback_data"] for row in keyboard_of(answer[2])] == [
        button["payload"] for button in NEXT
    ]
    assert assistant.received()[1] == ("telegram:7010", "/helpful")
    assert assistant.received()[3] == ("telegram:7011", "/not_helpful")
    assert assistant.received()[5] == ("telegram:7012", NEXT[0]["payload"])


def test_a_sticker_and_start_are_handled_as_the_assistant_expects(recorder):
    sticker = text_update(7004, "x")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "abc", "width": 512, "height": 512}
    with serving_channel("telegram", recorder) as (url, assistant):
        assert post_telegram(url, sticker).status_code == 200
        assert post_telegram(url, text_update(7004, "/start")).status_code == 200
    assert assistant.received() == [("telegram:7004", ""), ("telegram:7004", "/greet")]


def test_malformed_and_non_user_updates_reach_no_one(recorder):
    with serving_channel("telegram", recorder) as (url, assistant):
        malformed = requests.post(
            webhook(url, "telegram"),
            data=b"not json",
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRETS["telegram"]["secret_token"]},
            timeout=30,
        )
        ignored = post_telegram(url, {"update_id": 1, "my_chat_member": {}})
    assert malformed.status_code == 400
    assert malformed.json() == {"error": "The body must be a Telegram Update object."}
    assert (ignored.status_code, ignored.text) == (200, "ignored")
    assert assistant.messages == []


async def test_long_payloads_fall_back_to_numbered_options_and_long_text_is_split(recorder):
    replies = TelegramReplies(TOKEN, recorder.url("telegram"))
    try:
        long_payload = '/help{"menu_group":"' + "x" * 60 + '"}'
        basics = [{"title": "Basics", "payload": long_payload}]
        await replies.send_reply("9001", "Pick one:", basics)
        paragraph = "A sentence that repeats. " * 100  # 2500 characters
        await replies.send_reply(
            "9002", f"{paragraph}\n\n{paragraph}", [{"title": "Diet", "payload": "/diet"}]
        )
        await replies.send_reply("9003", "", [{"title": "Diet", "payload": "/diet"}])
    finally:
        await replies.session.close()
    [numbered] = sent_to_chat(recorder, 9001)
    assert numbered["text"] == "Pick one:\n\n1. Basics\n\nReply with a number."
    assert "reply_markup" not in numbered
    split = sent_to_chat(recorder, 9002)
    assert len(split) == 2 and all(len(message["text"]) <= MAX_MESSAGE_CHARS for message in split)
    assert "reply_markup" not in split[0] and "/diet" in split[1]["reply_markup"]
    [buttons_only] = sent_to_chat(recorder, 9003)
    assert buttons_only["text"] == "Choose one:" and "/diet" in buttons_only["reply_markup"]
