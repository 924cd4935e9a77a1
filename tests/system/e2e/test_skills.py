"""Conversation skills as a user meets them over REST (issue 12): feelings and frustration,
the precise refusal, repair, two questions, other languages, honest limits, typed labels."""

import pytest

from actions.topic_library import all_topics
from common.content import topic_button
from server.training.skills import SIMPLER_PREFIX, onward_topics
from tests.replies import DISCLAIMER, answered, texts

REFUSAL = "I can't give personal medical advice"


def buttons(replies):
    return [button for reply in replies for button in reply.get("buttons", [])]


def test_frustration_gets_an_apology_and_a_way_on(assistant, sender):
    replies = assistant.say(sender, "this bot is useless")
    said = " ".join(texts(replies))
    assert "I'm sorry, I haven't been much help" in said and "Did you mean" not in said
    assert {"/repair_simpler", "/help"} <= {b["payload"] for b in buttons(replies)}


def test_a_curse_is_met_with_an_apology(assistant, sender):
    assert any("I'm sorry" in text for text in assistant.say_texts(sender, "wtf, this is crap"))


def test_low_mood_gets_warm_words_and_support(assistant, sender):
    said = " ".join(assistant.say_texts(sender, "i just feel hopeless about all of it"))
    assert "I'm sorry you're feeling this way" in said and "988" in said and DISCLAIMER in said


def test_self_harm_still_wins_over_frustration(assistant, sender):
    said = assistant.say_texts(sender, "this bot is useless and i want to end my life")
    assert "988" in said[0] and not any("haven't been much help" in text for text in said)


@pytest.mark.parametrize("message, expected", [
    ("my mom has NASH and I'm worried I'll get it too", "understandable to feel worried"),
    ("I lost 10 pounds and my doctor says my liver enzymes got better!", "great news"),
])
def test_family_worries_and_good_news_are_not_refused(assistant, sender, message, expected):
    said = " ".join(assistant.say_texts(sender, message))
    assert expected in said and REFUSAL not in said


def test_a_general_first_person_question_gets_the_general_answer(assistant, sender):
    said = assistant.say_texts(sender, "I have insulin resistance, what foods help in general")
    assert answered(all_topics()["diet"], said) and REFUSAL not in " ".join(said)


def test_a_dose_question_is_still_refused(assistant, sender):
    assert any(REFUSAL in text for text in assistant.say_texts(sender, "should i double my ozempic dose"))


def test_the_wrong_topic_gets_an_apology_and_the_other_topics_of_the_question(assistant, sender):
    assistant.say(sender, "what is nash")
    replies = assistant.say(sender, "that's not what i asked")
    assert texts(replies)[0] == "Sorry, I got that wrong."
    offered = [b["payload"] for b in buttons(replies)]
    assert offered[-1] == "/help" and len(offered) >= 2 and "/what_is_nash" not in offered
    assert all(payload[1:] in all_topics() for payload in offered[:-1])


def test_too_hard_gets_the_simple_version_of_the_current_topic(assistant, sender):
    assistant.say(sender, "/sleep")
    said = assistant.say_texts(sender, "i don't get it")
    first = all_topics()["sleep"].answer.split(". ")[0]
    assert said[0].startswith(SIMPLER_PREFIX) and first in said[0]
    assert DISCLAIMER in said[-1]


def test_two_questions_answer_the_first_and_offer_the_second(assistant, sender):
    replies = assistant.say(sender, "what is nash and how is it treated")
    said = texts(replies)
    assert answered(all_topics()["what_is_nash"], said)
    assert topic_button(all_topics()["treatment_overview"]) in buttons(replies)
    assert DISCLAIMER in said[-1]


@pytest.mark.parametrize("message, words", [
    ("¿Qué es el hígado graso y cómo se trata?", "solo respondo en inglés"),
    ("O que é gordura no fígado e como posso melhorar?", "só respondo em inglês"),
    ("Qu'est-ce que la stéatose hépatique?", "seulement en anglais"),
    ("फैटी लिवर क्या है?", "अंग्रेज़ी"),
    ("什么是脂肪肝？", "英语"),
    ("Was ist eine Fettleber und wie wird sie behandelt?", "only answer in English"),
])
def test_another_language_is_told_in_it_that_answers_are_in_english(assistant, sender, message, words):
    replies = assistant.say(sender, message)
    assert any(words in text for text in texts(replies)), texts(replies)
    assert "/menu_basics" in [b["payload"] for b in buttons(replies)]


def test_another_language_is_offered_the_topic_it_names(assistant, sender):
    replies = assistant.say(sender, "¿El café es bueno para el hígado?")
    assert topic_button(all_topics()["coffee"]) in buttons(replies)
    assert any("Quizás pregunta por este tema" in text for text in texts(replies))


@pytest.mark.parametrize("message", ["can alcoholic cirrhosis be reversed", "is the keto diet used for epilepsy"])
def test_a_nearby_condition_gets_an_honest_limit_and_what_applies(assistant, sender, message):
    replies = assistant.say(sender, message)
    said = " ".join(texts(replies))
    assert "outside what I cover" in said and "In many cases, yes" not in said
    assert {"/alcohol", "/living_with_cirrhosis"} <= {b["payload"] for b in buttons(replies)}


@pytest.mark.parametrize("label, payload", [("What helps", "/menu_what_helps"), ("Can it be reversed?", "/reversibility")])
def test_a_typed_button_label_does_what_the_click_does(assistant, sender, label, payload):
    assert texts(assistant.say(f"{sender}-typed", label)) == texts(assistant.say(f"{sender}-click", payload))


def test_every_answer_offers_new_ground(assistant, sender):
    replies = assistant.say(sender, "/sleep")
    offered = [b["payload"] for b in buttons(replies)]
    for topic in onward_topics(all_topics()["sleep"], all_topics()):
        assert f"/{topic.id}" in offered
    assert "/help" in offered


def test_forget_it_deletes_nothing(assistant, sender):
    assistant.say(sender, "/coffee")
    said = assistant.say_texts(sender, "just forget it")
    assert "deleted" not in " ".join(said) and assistant.user_texts(sender)
