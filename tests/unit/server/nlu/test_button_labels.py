"""A typed button label gets the intent of the button's payload."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from common.content import load_topics
from server.nlu.button_labels import ButtonLabelClassifier, label_intents


def classifier():
    return ButtonLabelClassifier(label_intents(load_topics()))


def parsed(text):
    message = Message({TEXT: text, INTENT: {"name": "nlu_fallback", "confidence": 0.4},
                       INTENT_RANKING_KEY: [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "diet", "confidence": 0.3}]})
    classifier().process([message])
    return message


def test_menu_groups_topics_and_fixed_buttons_typed_do_what_the_click_does():
    assert parsed("What helps").get(INTENT) == {"name": "menu_what_helps", "confidence": 1.0}
    assert parsed("  can it be REVERSED ").get(INTENT)["name"] == "reversibility"
    assert parsed("Other topics").get(INTENT)["name"] == "help"
    assert parsed("tell me more!").get(INTENT)["name"] == "tell_me_more"


def test_every_topic_title_and_group_has_a_label():
    labels = label_intents(load_topics())
    assert set(load_topics()) <= set(labels.values())
    assert {"menu_basics", "menu_what_helps"} <= set(labels.values())


def test_anything_but_an_exact_label_is_left_to_the_classifier():
    message = parsed("what helps a fatty liver most")
    assert message.get(INTENT)["name"] == "nlu_fallback"
    assert parsed("What helps").get(INTENT_RANKING_KEY)[0]["name"] == "menu_what_helps"
