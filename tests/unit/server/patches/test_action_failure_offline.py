"""server/patches/action_failure.py in-process, with a port where no action server listens.

Runs on the domain file, so it needs no trained model; the server tests in
test_action_server_down.py check the same through the real servers.
"""

import asyncio
import time

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from server.patches.action_failure import (
    DEFAULT_TIMEOUT_S,
    SERVICE_UNAVAILABLE,
    ApologisingRemoteAction,
    timeout_of,
)
from tests.conftest import ROOT
from tests.harness.ports import free_port

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def nowhere():
    return EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")


def run(action):
    tracker = DialogueStateTracker.from_events(
        "offline", [ActionExecuted("action_listen"), UserUttered("/what_is_nash", {"name": "what_is_nash"})],
        DOMAIN.slots,
    )
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    return action.run(CollectingOutputChannel(), nlg, tracker, DOMAIN)


async def test_a_failed_action_becomes_the_apology(nowhere):
    events = await run(ApologisingRemoteAction("action_default_fallback", nowhere, tracker_store=None))

    assert [type(event) for event in events] == [BotUttered]
    assert events[0].text == DOMAIN.responses[SERVICE_UNAVAILABLE][0]["text"]
    assert events[0].metadata["utter_action"] == SERVICE_UNAVAILABLE


async def test_an_action_server_that_does_not_answer_in_time_becomes_the_apology(unused_tcp_port):
    """A server that accepts the connection and never replies: the endpoint's `timeout`."""
    hung = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", unused_tcp_port)
    try:
        endpoint = EndpointConfig(f"http://127.0.0.1:{unused_tcp_port}/webhook", timeout=0.5)
        started = time.monotonic()
        events = await run(ApologisingRemoteAction("action_forget_me", endpoint, tracker_store=None))
        waited = time.monotonic() - started
    finally:
        hung.close()
    assert events[0].metadata["utter_action"] == SERVICE_UNAVAILABLE
    assert waited < 5, f"waited {waited:.1f} s for an action server that never answers"


def test_the_timeout_comes_from_the_endpoint_and_defaults_to_a_few_seconds():
    assert timeout_of(EndpointConfig("http://x/webhook", timeout=3)) == 3.0
    assert timeout_of(EndpointConfig("http://x/webhook")) == DEFAULT_TIMEOUT_S <= 15
    assert timeout_of(None) == DEFAULT_TIMEOUT_S
