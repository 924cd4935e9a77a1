"""Messages that are not English: found by script or by langdetect with the vocabulary guard."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from server.nlu.language import OTHER_LANGUAGE, OtherLanguageDetector, detect_language, script_language, vocabulary

ENGLISH = vocabulary([
    "what is fatty liver", "best diet for nafld", "is coffee good for the liver",
    "how is nash treated", "alcohol with nafld", "does sleep matter",
])


@pytest.mark.parametrize("text, language", [
    ("¿Qué es el hígado graso y cómo se trata?", "es"),
    ("O que é gordura no fígado e como posso melhorar?", "pt"),
    ("Qu'est-ce que la stéatose hépatique et comment la soigner?", "fr"),
    ("फैटी लिवर क्या है", "hi"),
    ("什么是脂肪肝", "zh"),
    ("脂肪肝とは何ですか", "ja"),
])
def test_other_languages_are_recognised(text, language):
    assert detect_language(text, ENGLISH) == language


@pytest.mark.parametrize("text", [
    "best diet for nafld", "alcohol with nafld", "what is fatty liver?", "hola", "", "😀", "nash?",
    "de novo lipogensis",  # langdetect alone says Portuguese
])
def test_english_and_too_short_messages_are_left_alone(text):
    assert detect_language(text, ENGLISH | {"de", "novo", "lipogensis"}) is None


def test_a_script_decides_only_when_most_letters_are_in_it():
    assert script_language("what is 脂肪肝 in english, please tell me") is None
    assert script_language("12345 ?!") is None


def make_detector(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("language")
    context = ExecutionContext(GraphSchema({}), node_name="language")
    detector = OtherLanguageDetector.create({}, storage, resource, context)
    detector.train(TrainingData([Message({TEXT: text, INTENT: "x"}) for text in ["what is fatty liver"]]))
    return OtherLanguageDetector.load({}, storage, resource, context)


def test_the_vocabulary_is_stored_with_the_model_and_the_intent_set(tmp_path):
    detector = make_detector(tmp_path)
    ranking = [{"name": "coffee", "confidence": 0.6}]
    message = Message({TEXT: "¿El café es bueno para el hígado?", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    english = Message({TEXT: "what is fatty liver", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    detector.process([message, english])
    assert message.get(INTENT) == {"name": OTHER_LANGUAGE, "confidence": 1.0}
    assert [item["name"] for item in message.get(INTENT_RANKING_KEY)] == [OTHER_LANGUAGE, "coffee"]
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("language", "es")]
    assert english.get(INTENT)["name"] == "coffee"


def test_without_a_stored_vocabulary_only_scripts_count(tmp_path):
    context = ExecutionContext(GraphSchema({}), node_name="language")
    detector = OtherLanguageDetector.load({}, LocalModelStorage(tmp_path), Resource("none"), context)
    spanish, hindi = Message({TEXT: "¿El café es bueno para el hígado?"}), Message({TEXT: "फैटी लिवर क्या है"})
    detector.process([spanish, hindi])
    assert spanish.get(INTENT) is None and hindi.get(INTENT)["name"] == OTHER_LANGUAGE
