"""The text NLU reads: markup and control characters gone, length capped."""

from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from server.nlu.message_guard import (
    MAX_MESSAGE_CHARS,
    BlankMessageClassifier,
    MessageCleaner,
    clean_text,
    has_words,
)


def test_markup_is_removed_and_the_question_kept():
    assert clean_text("<script>alert(1)</script> what is <b>MASH</b>?") == "alert(1) what is MASH ?"
    assert clean_text("<img src=x onerror=alert(1)>") == ""


def test_control_characters_become_spaces():
    assert clean_text("what\x00is\x1b[31m nash\u200b") == "what is [31m nash"


def test_long_messages_are_capped():
    assert len(clean_text("fat " * 10_000)) <= MAX_MESSAGE_CHARS


def test_emoji_and_symbols_have_no_words():
    assert not has_words("😀🎉 ?!")
    assert has_words("😀 what is nafld")
    assert has_words("¿qué es el hígado graso?")


def test_cleaner_rewrites_the_message_text():
    message = Message({TEXT: "  <p>what is   insulin</p> "})
    MessageCleaner().process([message])
    assert message.get(TEXT) == "what is insulin"


def test_blank_messages_become_fallback_whatever_was_predicted():
    blank = Message({TEXT: "", INTENT: {"name": "greet", "confidence": 0.9}})
    words = Message({TEXT: "hello", INTENT: {"name": "greet", "confidence": 0.9}})
    BlankMessageClassifier().process([blank, words])
    assert blank.get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}
    assert words.get(INTENT)["name"] == "greet"
