"""Putting an intent first, and an entity of the whole message, on real Rasa messages."""

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from server.nlu.ranking import add_entity, put_first, ranked_first

RANKING = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "coffee", "confidence": 0.25},
           {"name": "diet", "confidence": 0.2}]


def test_the_chosen_intent_goes_first_once_and_the_rest_keeps_its_order():
    assert ranked_first(RANKING, "diet") == [
        {"name": "diet", "confidence": 1.0}, RANKING[0], RANKING[1]]
    assert ranked_first(None, "help", 0.7) == [{"name": "help", "confidence": 0.7}]
    assert [item["name"] for item in ranked_first(RANKING, "coffee", drop=("nlu_fallback",))] == ["coffee", "diet"]


def test_put_first_sets_the_intent_and_its_ranking():
    message = Message({TEXT: "what helps", INTENT: RANKING[0], INTENT_RANKING_KEY: RANKING})
    put_first(message, "menu_what_helps")
    assert message.get(INTENT) == {"name": "menu_what_helps", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[1:] == RANKING


def test_an_entity_of_the_whole_message_spans_its_text_and_keeps_the_others():
    message = Message({TEXT: "hola", ENTITIES: [{"entity": "topic", "value": "coffee"}]})
    add_entity(message, "language", "es", "Detector", 0.9)
    assert message.get(ENTITIES)[1] == {"entity": "language", "value": "es", "start": 0, "end": 4,
                                        "confidence_entity": 0.9, "extractor": "Detector"}
    assert message.get(ENTITIES)[0]["value"] == "coffee"
