"""The wrap of MessageProcessor._run_action: once per process, and only on the Rasa it was
written for. (tests/system/persistence/test_action_failure_offline.py runs the apology.)"""

import pytest
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.utils.endpoints import EndpointConfig

from server.patches import action_failure
from server.patches.guard import RasaMismatch


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
