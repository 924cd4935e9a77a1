"""The wrap of MessageProcessor.parse_message: once per process, only on the Rasa it was
written for, and the parse read against the tracker only when there is one
(tests/model/test_follow_ups.py runs it through the model)."""

import pytest
import rasa
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from server.patches import follow_up_context
from server.patches.guard import RasaMismatch


@pytest.fixture
def parsed_as(monkeypatch):
    """Rasa's parse_message replaced by one with its parameters that returns a fixed parse."""

    def fixed(intent, text):
        async def parse_message(self, message, tracker=None, only_output_properties=True):
            return {"text": text, "intent": {"name": intent, "confidence": 0.9},
                    "intent_ranking": [], "entities": []}

        monkeypatch.setattr(MessageProcessor, "parse_message", parse_message)
        follow_up_context.install()

    return fixed


async def test_with_a_tracker_a_follow_up_takes_the_conversations_subject(parsed_as):
    parsed_as("what_is_nash", "and how is it treated?")
    tracker = DialogueStateTracker.from_events("u", [SlotSet("topic", "what_is_nash")])

    result = await MessageProcessor.parse_message(object(), "message", tracker)

    assert result["intent"]["name"] == "treatment_overview"
    assert {e["entity"]: e["value"] for e in result["entities"]} == {"subject": "nash", "ask": "treatment"}


async def test_without_a_tracker_the_parse_is_rasas_own(parsed_as):
    parsed_as("what_is_nash", "and how is it treated?")

    result = await MessageProcessor.parse_message(object(), "message")

    assert result["intent"]["name"] == "what_is_nash" and result["entities"] == []


def test_install_wraps_rasas_method_once():
    follow_up_context.install()
    installed = MessageProcessor.parse_message
    follow_up_context.install()

    assert MessageProcessor.parse_message is installed and installed.reads_follow_ups
    assert installed.__wrapped__.__module__ == "rasa.core.processor"


def test_another_signature_stops_the_install(monkeypatch):
    async def parse_message(self, message, only_output_properties=True):
        return {}

    monkeypatch.setattr(MessageProcessor, "parse_message", parse_message)

    with pytest.raises(RasaMismatch, match="follow_up_context.*tracker=None"):
        follow_up_context.install()


def test_another_rasa_version_stops_the_install(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.6.22")

    with pytest.raises(RasaMismatch, match="follow_up_context.*3.6.21.*3.6.22"):
        follow_up_context.install()
