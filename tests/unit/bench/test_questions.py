"""The sets every system is scored on, read the same way for our bot and the baselines."""

import json
from pathlib import Path

from bench.questions import conversations, faq_cases, follow_up_cases, heldout_cases, read_training


def test_only_the_later_turns_of_a_conversation_are_scored_on_their_own():
    later = sum(len(c["turns"]) - 1 for c in conversations())
    cases = follow_up_cases()
    assert len(cases) == later
    assert cases[0] == (conversations()[0]["turns"][1]["say"], [conversations()[0]["turns"][1]["topic"]])


def test_a_faq_question_keeps_every_topic_that_answers_it():
    assert all(topics for _, topics in faq_cases())
    assert any(len(topics) > 1 for _, topics in faq_cases())


def test_held_out_questions_have_one_topic_each():
    assert all(len(topics) == 1 for _, topics in heldout_cases())


def test_the_exported_training_questions_read_back_as_texts_and_intents(tmp_path: Path):
    path = tmp_path / "training.json"
    path.write_text(json.dumps({"examples": [["what is nash", "what_is_nash"], ["hi", "greet"]]}))
    assert read_training(path) == (["what is nash", "hi"], ["what_is_nash", "greet"])
