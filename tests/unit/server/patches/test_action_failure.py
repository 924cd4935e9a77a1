"""The wrap of MessageProcessor._run_action: once per process, only on the Rasa it was
written for; and the apology itself, in-process on the domain file with a port where no
action server listens (tests/integration/test_action_server_down.py runs it through the
real servers)."""

import asyncio
import time

import pytest
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from server.patches import action_failure
from server.patches.action_failure import (
    DEFAULT_TIMEOUT_S,
    SERVICE_UNAVAILABLE,
    ApologisingRemoteAction,
    timeout_of,
)
from server.patches.guard import RasaMismatch
from tests.conftest import ROOT
from tests.harness.ports import free_port


@pytest.fixture
def recorded(monkeypatch):
    """Rasa's _run_action replaced by one with its parameters that records the action."""
    actions = []

    async def _run_action(self, action, tracker, output_channel, nlg, prediction):
        actions.append(action)
        return True

    monkeypatch.setattr(MessageProcessor, "_run_action", _run_action)
    return actions


async def test_a_custom_action_runs_as_one_that_apologises(recorded):
    action_failure.install()
    processor = type("Processor", (), {"tracker_store": "the store"})()

    await MessageProcessor._run_action(
        processor, RemoteAction("action_forget_me", EndpointConfig("http://actions")), None, None, None, None
    )

    assert type(recorded[0]) is action_failure.ApologisingRemoteAction
    assert recorded[0].name() == "action_forget_me" and recorded[0].tracker_store == "the store"


def test_install_wraps_rasas_method_once():
    action_failure.install()
    installed = MessageProcessor._run_action
    action_failure.install()

    assert MessageProcessor._run_action is installed and installed.apologises
    assert not getattr(installed.__wrapped__, "apologises", False)
    assert installed.__wrapped__.__module__ == "rasa.core.processor"


def test_another_signature_stops_the_install(monkeypatch):
    async def _run_action(self, action, tracker, output_channel, nlg):
        return True

    monkeypatch.setattr(MessageProcessor, "_run_action", _run_action)

    with pytest.raises(RasaMismatch) as raised:
        action_failure.install()

    message = str(raised.value)
    assert "action_failure" in message
    assert "_run_action(self, action, tracker, output_channel, nlg, prediction)" in message
    assert "_run_action(self, action, tracker, output_channel, nlg)" in message
    assert MessageProcessor._run_action is _run_action


def test_another_rasa_version_stops_the_install(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.6.22")

    with pytest.raises(RasaMismatch, match="action_failure.*3.6.21.*3.6.22"):
        action_failure.install()


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
