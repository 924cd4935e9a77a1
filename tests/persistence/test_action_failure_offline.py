"""addons/action_failure.py in-process, with a port where no action server listens.

Runs on the domain file, so it needs no trained model; the server tests in
test_action_server_down.py check the same through the real servers.
"""

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from addons.action_failure import SERVICE_UNAVAILABLE, ApologisingRemoteAction
from tests.conftest import ROOT
from tests.processes import free_port

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
    events = await run(ApologisingRemoteAction("action_answer_topic", nowhere, tracker_store=None))

    assert [type(event) for event in events] == [BotUttered]
    assert events[0].text == DOMAIN.responses[SERVICE_UNAVAILABLE][0]["text"]
    assert events[0].metadata["utter_action"] == SERVICE_UNAVAILABLE


async def test_a_failed_session_start_still_starts_the_session_with_the_disclaimer(nowhere):
    events = await run(ApologisingRemoteAction("action_session_start", nowhere, tracker_store=None))

    assert "educational purposes only" in events[0].text
    assert [type(event) for event in events[1:]] == [SessionStarted, ActionExecuted]
    assert events[-1].action_name == "action_listen"
