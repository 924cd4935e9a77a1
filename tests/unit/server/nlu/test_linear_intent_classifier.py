"""The intent classifier trained, stored and loaded back through Rasa's own model storage."""

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from server.nlu.linear_intent_classifier import MODEL_FILE, LinearIntentClassifier, softmax

QUESTIONS = {
    "coffee": ["is coffee good for my liver", "how many cups of coffee a day", "does coffee help nafld"],
    "alcohol": ["can i drink wine", "is beer bad for fatty liver", "how much alcohol is safe"],
    "sleep": ["does sleep matter for the liver", "how many hours should i sleep", "is poor sleep a risk"],
}


def training_data(questions=QUESTIONS):
    return TrainingData([
        Message({TEXT: text, INTENT: intent}) for intent, texts in questions.items() for text in texts
    ])


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def context():
    return ExecutionContext(GraphSchema({}), node_name="classifier")


def trained(storage, questions=QUESTIONS, **config):
    resource = Resource("classifier")
    classifier = LinearIntentClassifier.create(config, storage, resource, context())
    classifier.train(training_data(questions))
    return classifier, resource


def parsed(classifier, text):
    message = Message({TEXT: text})
    classifier.process([message])
    return message


def test_a_question_gets_its_intent_and_a_ranking_of_every_intent(storage):
    classifier, _ = trained(storage)
    message = parsed(classifier, "is cofee good for me")  # misspelt on purpose
    ranking = message.get(INTENT_RANKING_KEY)
    assert message.get(INTENT)["name"] == "coffee"
    assert [entry["name"] for entry in ranking][0] == "coffee"
    assert sorted(entry["name"] for entry in ranking) == sorted(QUESTIONS)
    assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0, abs=1e-5)
    assert ranking == sorted(ranking, key=lambda entry: -entry["confidence"])


def test_the_ranking_is_cut_to_its_configured_length(storage):
    classifier, _ = trained(storage, ranking_length=2)
    assert len(parsed(classifier, "wine").get(INTENT_RANKING_KEY)) == 2


def test_text_unlike_any_question_gets_a_lower_confidence(storage):
    classifier, _ = trained(storage)
    clear = parsed(classifier, "how many cups of coffee").get(INTENT)["confidence"]
    unclear = parsed(classifier, "qwzx").get(INTENT)["confidence"]
    assert unclear < clear and clear > 0.9


def test_the_stored_model_loads_back_and_ranks_the_same(storage):
    classifier, resource = trained(storage)
    with storage.read_from(resource) as directory:
        assert (directory / MODEL_FILE).read_text(encoding="utf-8").startswith("{")
    loaded = LinearIntentClassifier.load({}, storage, resource, context())
    for text in ("does coffee help", "beer", "", "¿qué es el hígado graso? 🙂"):
        assert parsed(loaded, text).get(INTENT_RANKING_KEY) == parsed(classifier, text).get(
            INTENT_RANKING_KEY)


def test_training_twice_gives_the_same_model(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, _ = trained(LocalModelStorage(tmp_path / "a"))
    second, _ = trained(LocalModelStorage(tmp_path / "b"))
    text = "is a glass of wine ok"
    assert parsed(first, text).get(INTENT_RANKING_KEY) == parsed(second, text).get(INTENT_RANKING_KEY)


def test_with_one_intent_nothing_is_learned_or_predicted(storage):
    classifier, resource = trained(storage, {"coffee": QUESTIONS["coffee"]})
    assert parsed(classifier, "coffee").get(INTENT) is None
    loaded = LinearIntentClassifier.load({}, storage, resource, context())
    assert parsed(loaded, "coffee").get(INTENT) is None


def test_softmax_is_stable_for_large_scores():
    confidences = softmax(np.array([[1000.0, 999.0, -1000.0]]))
    assert np.isfinite(confidences).all()
    assert confidences[0, 0] > confidences[0, 1] > confidences[0, 2]
