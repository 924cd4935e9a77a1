"""The wrap of FormAction.run: once per process, only on the Rasa it was written for; an
urgent message rejected before the action server is asked; a failed or hung action server
turned into the apology and the form's end. In-process on the domain file
(tests/integration/test_action_server_down.py runs it through the real servers)."""

import asyncio
import time

import pytest
import rasa
import yaml
from rasa.core.actions.action import ActionExecutionRejection
from rasa.core.actions.forms import FormAction
from rasa.core.actions.loops import LoopAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    FollowupAction,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from server.nlu.urgent import URGENT_INTENTS
from server.patches import form_safety
from server.patches.action_failure import SERVICE_UNAVAILABLE
from server.patches.guard import RasaMismatch
from tests.conftest import ROOT
from tests.harness.ports import free_port

RAW_DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
DOMAIN = Domain.from_dict(RAW_DOMAIN)
WEIGHT_FORM, CHECKLIST = "weight_target_form", "metabolic_checklist_form"
FIRST_SLOT = {WEIGHT_FORM: "weight_target_weight", CHECKLIST: "mets_waist"}


@pytest.fixture
def nowhere():
    return EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")


@pytest.fixture
async def hung(unused_tcp_port):
    """An action server that accepts the connection and never replies."""
    server = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", unused_tcp_port)
    yield EndpointConfig(f"http://127.0.0.1:{unused_tcp_port}/webhook", timeout=0.5)
    server.close()


def mid_form(form, text, intent):
    """`form` active, its first question asked, and the user's `text` read as `intent`."""
    return DialogueStateTracker.from_events("offline", [
        ActionExecuted("action_listen"), UserUttered("start", {"name": "start_weight_target"}),
        ActionExecuted(form), ActiveLoop(form), SlotSet(REQUESTED_SLOT, FIRST_SLOT[form]),
        ActionExecuted("action_listen"), UserUttered(text, {"name": intent}),
    ], DOMAIN.slots)


def run(form, tracker, domain=DOMAIN):
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return form.run(CollectingOutputChannel(), nlg, tracker, domain)


async def test_rasas_own_form_asks_the_action_server_even_for_an_ignored_intent(nowhere):
    """Why this patch: `ignored_intents` cannot keep an urgent message from the action server."""
    raw = {**RAW_DOMAIN, "forms": {**RAW_DOMAIN["forms"]}}
    raw["forms"][WEIGHT_FORM] = {**raw["forms"][WEIGHT_FORM], "ignored_intents": list(URGENT_INTENTS)}
    domain = Domain.from_dict(raw)
    form = FormAction(WEIGHT_FORM, nowhere)
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)

    with pytest.raises(RasaException, match="validate_weight_target_form"):
        await LoopAction.run(form, CollectingOutputChannel(), nlg,
                             mid_form(WEIGHT_FORM, "180 lb and chest pain", "emergency"), domain)


@pytest.mark.parametrize("form", [WEIGHT_FORM, CHECKLIST])
@pytest.mark.parametrize("intent", URGENT_INTENTS)
async def test_an_urgent_message_is_rejected_before_the_action_server_is_asked(hung, form, intent):
    started = time.monotonic()
    with pytest.raises(ActionExecutionRejection, match="urgent"):
        await run(FormAction(form, hung), mid_form(form, "180 lb and chest pain", intent))
    assert time.monotonic() - started < 0.4, "it waited for the hung action server"


async def test_an_answer_with_the_action_server_down_gets_the_apology_and_ends_the_form(nowhere):
    events = await run(FormAction(WEIGHT_FORM, nowhere), mid_form(WEIGHT_FORM, "180 lb", "nlu_fallback"))

    assert [type(event) for event in events] == [BotUttered, ActiveLoop, SlotSet, FollowupAction]
    assert events[0].metadata["utter_action"] == SERVICE_UNAVAILABLE
    assert events[1:] == [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), FollowupAction("action_listen")]


async def test_a_hung_action_server_gets_the_apology_after_the_endpoints_timeout(hung):
    started = time.monotonic()
    events = await run(FormAction(WEIGHT_FORM, hung), mid_form(WEIGHT_FORM, "180 lb", "nlu_fallback"))
    waited = time.monotonic() - started

    assert events[0].metadata["utter_action"] == SERVICE_UNAVAILABLE and ActiveLoop(None) in events
    assert waited < 5, f"waited {waited:.1f} s for an action server that never answers"


async def test_starting_the_form_with_the_action_server_down_apologises_too(nowhere):
    tracker = DialogueStateTracker.from_events("offline", [
        ActionExecuted("action_listen"), UserUttered("start", {"name": "start_weight_target"}),
        ActionExecuted("utter_weight_target_intro"),
    ], DOMAIN.slots)

    events = await run(FormAction(WEIGHT_FORM, nowhere), tracker)

    assert events[0].metadata["utter_action"] == SERVICE_UNAVAILABLE and ActiveLoop(None) in events


async def test_a_form_that_needs_no_action_server_goes_on_as_before(nowhere):
    """The checklist reads yes/no on the Rasa server: an answer is taken, the next asked."""
    tracker = mid_form(CHECKLIST, "yes", "affirm")
    tracker.update(SlotSet("mets_waist", "yes"))  # what action_extract_slots sets first

    events = await run(FormAction(CHECKLIST, nowhere), tracker)

    assert SlotSet(REQUESTED_SLOT, "mets_triglycerides") in events
    assert not any(getattr(event, "metadata", {}).get("utter_action") == SERVICE_UNAVAILABLE
                   for event in events)


async def test_an_answer_the_form_cannot_use_is_still_rejected_for_the_rules(nowhere):
    """The checklist's own rejection (a question on the side) is not a failure."""
    with pytest.raises(ActionExecutionRejection):
        await run(FormAction(CHECKLIST, nowhere), mid_form(CHECKLIST, "what is nash", "what_is_nash"))


def test_install_wraps_rasas_method_once():
    form_safety.install()
    installed = FormAction.run
    form_safety.install()

    assert FormAction.run is installed and installed.keeps_safety
    assert installed.__wrapped__ is LoopAction.run


def test_another_signature_stops_the_install(monkeypatch):
    async def run(self, output_channel, nlg, tracker):
        return []

    monkeypatch.delattr(FormAction, "run")
    monkeypatch.setattr(LoopAction, "run", run)

    with pytest.raises(RasaMismatch) as raised:
        form_safety.install()

    message = str(raised.value)
    assert "form_safety" in message and "run(self, output_channel, nlg, tracker, domain)" in message
    assert "run(self, output_channel, nlg, tracker)" in message


def test_a_form_with_its_own_run_stops_the_install(monkeypatch):
    async def run(self, output_channel, nlg, tracker, domain):
        return []

    monkeypatch.setattr(FormAction, "run", run)

    with pytest.raises(RasaMismatch, match="FormAction inheriting LoopAction.run"):
        form_safety.install()


def test_another_rasa_version_stops_the_install(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.6.22")

    with pytest.raises(RasaMismatch, match="form_safety.*3.6.21.*3.6.22"):
        form_safety.install()
