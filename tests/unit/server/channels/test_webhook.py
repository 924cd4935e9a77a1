"""The webhook base in-process: its flow with a minimal service of its own, and the URLs
all four messaging channels get from it."""

from __future__ import annotations

import logging
from typing import Any, List, Union

import pytest
import requests
import yaml
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel
from rasa.shared.utils.common import class_from_module_path
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from server.channels.webhook import Inbound, WebhookChannel, bad_request, json_body
from tests.channel_settings import CHANNEL_ENTRIES
from tests.conftest import ROOT
from tests.unit.server.channels.serving import serving
from tests.unit.server.channels.webhook_serving import (
    NEXT,
    QUESTION,
    StandInAssistant,
    serving_channel,
)

SECRET = "gateway-secret"


class Gateway(WebhookChannel):
    """A small SMS gateway: posts {"messages": [{"from", "text"}]} with a shared secret."""

    required = ("secret",)
    blueprint_name = "gateway_webhook"
    service = "gateway"
    refusal_status = 401
    refusal_error = "Missing or wrong X-Secret."

    def __init__(self) -> None:
        self.replies = CollectingOutputChannel()
        self.parsed = 0
        self.shown: List[str] = []

    @classmethod
    def name(cls) -> str:
        return "sms"  # a name with a conversation prefix of its own

    def get_output_channel(self) -> OutputChannel:
        return self.replies

    def is_authentic(self, request: Request) -> bool:
        return request.headers.get("X-Secret") == SECRET

    async def parse(self, request: Request) -> Union[HTTPResponse, List[Inbound]]:
        self.parsed += 1
        body = json_body(request)
        if body is None:
            return bad_request("Send a JSON object.")
        return [Inbound(message["from"], message["text"]) for message in body["messages"]]

    async def before_answering(self, inbound: Inbound, output: Any) -> None:
        self.shown.append(inbound.sender)

    def acknowledgement(self) -> HTTPResponse:
        return response.text("queued")


def post(url: str, *messages: tuple, secret: str = SECRET) -> requests.Response:
    body = {"messages": [{"from": sender, "text": text} for sender, text in messages]}
    return requests.post(
        f"{url}/webhooks/sms/webhook", json=body, headers={"X-Secret": secret}, timeout=30
    )


def test_a_request_that_fails_the_check_is_refused_before_it_is_read():
    gateway, assistant = Gateway(), StandInAssistant()
    with serving(gateway, assistant, assistant.handle_message) as (url, _):
        refused = post(url, ("+1555", "hello"), secret="guess")
    assert (refused.status_code, refused.json()) == (401, {"error": "Missing or wrong X-Secret."})
    assert gateway.parsed == 0 and assistant.messages == []


def test_what_parse_answers_at_once_goes_back_as_it_is():
    gateway, assistant = Gateway(), StandInAssistant()
    with serving(gateway, assistant, assistant.handle_message) as (url, _):
        malformed = requests.post(
            f"{url}/webhooks/sms/webhook", data=b"{", headers={"X-Secret": SECRET}, timeout=30
        )
    assert (malformed.status_code, malformed.json()) == (400, {"error": "Send a JSON object."})
    assert assistant.messages == []


def test_each_message_is_keyed_answered_in_order_and_acknowledged():
    gateway, assistant = Gateway(), StandInAssistant()
    with serving(gateway, assistant, assistant.handle_message) as (url, _):
        answered = post(url, ("+1555", "hello"), ("+1666", "hi"))
    assert (answered.status_code, answered.text) == (200, "queued")
    assert assistant.received() == [("sms:+1555", "hello"), ("sms:+1666", "hi")]
    assert [message.input_channel for message in assistant.messages] == ["sms", "sms"]
    assert gateway.shown == ["+1555", "+1666"]  # before the assistant answered
    assert [(sent["recipient_id"], sent["text"]) for sent in gateway.replies.messages] == [
        ("sms:+1555", "echo: hello"),
        ("sms:+1666", "echo: hi"),
    ]


def test_a_number_names_an_option_of_the_latest_turn_of_that_conversation():
    gateway, assistant = Gateway(), StandInAssistant()
    with serving(gateway, assistant, assistant.handle_message) as (url, _):
        post(url, ("+1555", QUESTION))
        post(url, ("+1555", "2"), ("+1666", "2"))
    assert assistant.received()[1:] == [("sms:+1555", NEXT[1]["payload"]), ("sms:+1666", "2")]


def test_a_failure_is_logged_without_the_text_and_the_next_message_still_handled(caplog):
    gateway, assistant = Gateway(), StandInAssistant()
    handled = []

    async def failing_on_secrets(message):
        if "secret" in message.text:
            raise ValueError(f"cannot read {message.text}")
        handled.append(message.text)

    with serving(gateway, assistant, failing_on_secrets) as (url, _):
        answered = post(url, ("+1555", "my secret diagnosis"), ("+1555", "hello"))
    assert (answered.status_code, answered.text) == (200, "queued")
    assert handled == ["hello"]
    [failure] = [record for record in caplog.records if record.levelno >= logging.ERROR]
    # The channel module's logger, so the line names the service's module.
    assert failure.name == __name__
    assert failure.getMessage() == "Could not handle a gateway message: ValueError"
    assert "diagnosis" not in caplog.text


@pytest.mark.parametrize("channel", sorted(CHANNEL_ENTRIES))
def test_every_messaging_channel_answers_its_health_url(channel, recorder):
    with serving_channel(channel, recorder) as (url, _):
        health = requests.get(f"{url}/webhooks/{channel}/", timeout=30)
        unsigned = requests.post(f"{url}/webhooks/{channel}/webhook", json={}, timeout=30)
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert unsigned.status_code in (401, 403)


@pytest.mark.parametrize("channel", sorted(CHANNEL_ENTRIES))
def test_an_empty_entry_serves_503_with_what_to_fill_in(channel):
    entries = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    channel_class = class_from_module_path(CHANNEL_ENTRIES[channel])
    input_channel = channel_class.from_credentials(entries[CHANNEL_ENTRIES[channel]])
    with serving(input_channel) as (url, bot):
        health = requests.get(f"{url}/webhooks/{channel}/", timeout=30)
        webhook = requests.post(f"{url}/webhooks/{channel}/webhook", json={}, timeout=30)
    assert health.status_code == webhook.status_code == 503
    assert health.json()["status"] == "not configured"
    error = webhook.json()["error"]
    assert error.startswith(f"The {channel} channel is not configured: fill in ")
    assert all(field in error for field in channel_class.required)
    assert bot.messages == []
