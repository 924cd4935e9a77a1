"""The NLU component overrides whatever the classifiers decided."""

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from server.nlu.red_flag_detector import RedFlagDetector
from server.nlu.red_flags import RedFlagMatcher


@pytest.fixture(scope="module")
def detector():
    # Built once: the matcher compiles every pattern of safety/red_flags.yml (seconds).
    return RedFlagDetector(RedFlagMatcher.from_file())


def test_a_red_flag_becomes_an_emergency_with_the_symptom(detector):
    message = Message(
        {
            TEXT: "what is nash? also I vomited blood this morning",
            INTENT: {"name": "what_is_nash", "confidence": 0.97},
            INTENT_RANKING_KEY: [{"name": "what_is_nash", "confidence": 0.97}],
        }
    )
    detector.process([message])

    assert message.get(INTENT) == {"name": "emergency", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "emergency"
    (entity,) = message.get(ENTITIES)
    assert entity["entity"] == "red_flag" and entity["value"] == "vomiting_blood"
    assert message.get(TEXT)[entity["start"] : entity["end"]].lower() == "vomited blood"


def test_a_question_without_red_flags_is_left_alone(detector):
    message = Message({TEXT: "what is nash", INTENT: {"name": "what_is_nash", "confidence": 0.9}})
    detector.process([message])
    assert message.get(INTENT)["name"] == "what_is_nash"
    assert not message.get(ENTITIES)


def test_a_negated_red_flag_is_left_alone(detector):
    message = Message({TEXT: "there is no blood in my stool", INTENT: {"name": "greet", "confidence": 0.5}})
    detector.process([message])
    assert message.get(INTENT)["name"] == "greet"


def intent_of(detector, text):
    message = Message({TEXT: text, INTENT: {"name": "what_is_nash", "confidence": 0.9}})
    detector.process([message])
    return message.get(INTENT)["name"]


def test_each_kind_of_red_flag_sets_the_intent_of_its_urgent_reply(detector):
    assert intent_of(detector, "my eyes turned yellow") == "emergency"
    assert intent_of(detector, "my blood sugar is 38 and i'm shaking") == "emergency_low_blood_sugar"
    assert intent_of(detector, "i want to kill myself") == "crisis"
    assert intent_of(detector, "i want to kill myself and i threw up blood") == "crisis_and_emergency"
