"""Two questions in one message: split, each part read by the classifier's copy."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from server.nlu import second_question
from server.nlu.second_question import SecondQuestionDetector, splits, two_topics

QUESTIONS = {
    "what_is_nash": ["what is nash", "what is mash", "nash meaning", "define steatohepatitis"],
    "treatment_overview": ["how is it treated", "how is nash treated", "treatment for fatty liver", "what is the treatment"],
    "coffee": ["is coffee good", "coffee and the liver", "how many cups of coffee", "does coffee help"],
    "greet": ["hello", "hi there", "good morning", "hey"],
}


def test_a_message_is_cut_where_a_new_question_starts():
    assert splits("what is nash and how is it treated") == [("what is nash", "how is it treated")]
    assert splits("what medicines help? are statins safe") == [("what medicines help", "are statins safe")]
    assert splits("is keto ok; is fasting ok") == [("is keto ok", "is fasting ok")]
    assert splits("does diet and exercise help") == []
    assert splits("i have fatty liver, what helps") == []
    assert splits("nash? coffee") == []
    assert len(splits("is it bad? " * 500)) == second_question.MAX_CUTS


def part(name, confidence):
    return {"name": name, "confidence": confidence}


def test_two_confident_different_topics_that_fit_the_whole_count():
    topics = frozenset({"a", "b", "c"})
    found = two_topics("a", [(part("a", 0.9), part("b", 0.8))], topics)
    assert found == (part("a", 0.9), part("b", 0.8))
    assert two_topics("c", [(part("a", 0.9), part("b", 0.8))], topics) is None  # a third topic
    assert two_topics("a", [(part("a", 0.9), part("a", 0.8))], topics) is None
    assert two_topics("a", [(part("a", 0.9), part("b", 0.3))], topics) is None
    assert two_topics("a", [(part("a", 0.9), part("greet", 0.9))], topics) is None


@pytest.fixture
def detector(tmp_path, monkeypatch):
    monkeypatch.setattr(second_question, "topic_ids", lambda: frozenset(QUESTIONS) - {"greet"})
    storage, resource = LocalModelStorage(tmp_path), Resource("second")
    context = ExecutionContext(GraphSchema({}), node_name="second")
    trained = SecondQuestionDetector.create({}, storage, resource, context)
    trained.train(TrainingData([
        Message({TEXT: text, INTENT: intent}) for intent, texts in QUESTIONS.items() for text in texts
    ]))
    return SecondQuestionDetector.load({}, storage, resource, context)


def test_the_first_is_answered_and_the_second_named(detector):
    ranking = [part("nlu_fallback", 0.4), part("treatment_overview", 0.5), part("what_is_nash", 0.45)]
    message = Message({TEXT: "what is nash and how is it treated", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    detector.process([message])
    assert message.get(INTENT)["name"] == "what_is_nash"
    assert [item["name"] for item in message.get(INTENT_RANKING_KEY)] == ["what_is_nash", "treatment_overview"]
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("second_topic", "treatment_overview")]


def test_one_question_is_left_alone(detector):
    message = Message({TEXT: "is coffee good", INTENT: part("coffee", 0.9), INTENT_RANKING_KEY: [part("coffee", 0.9)]})
    detector.process([message])
    assert message.get(INTENT)["name"] == "coffee" and not message.get(ENTITIES)
