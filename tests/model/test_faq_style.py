"""Medical-FAQ-style questions ("What are the treatments for X?"), on the model loaded
in-process: the topic picked must be one that answers the question."""

from typing import List

import pytest
from common.content import load_topics, normalise_question
from tests.conftest import FIGURES, faq_questions
from tests.model.conftest import Parsed, run
from tests.model.test_heldout import training_questions

MIN_FAQ_ACCURACY = 0.95
MIN_QUESTIONS = 60


@pytest.fixture(scope="module")
def faq_parses(agent) -> List[Parsed]:
    async def parse_all():
        return [Parsed(item["topics"][0], item["q"], await agent.parse_message(item["q"]))
                for item in faq_questions()]

    return run(parse_all())


def test_the_set_is_large_new_and_names_real_topics():
    questions = faq_questions()
    topics = set(load_topics())
    assert len(questions) >= MIN_QUESTIONS
    assert all(item["topics"] and set(item["topics"]) <= topics for item in questions)
    training = training_questions()
    leaked = [item["q"] for item in questions if normalise_question(item["q"]) in training]
    assert not leaked, f"FAQ-style questions also in the training data: {leaked}"


def test_faq_style_questions_reach_a_topic_that_answers_them(faq_parses):
    acceptable = {item["q"]: item["topics"] for item in faq_questions()}
    wrong = [p for p in faq_parses if p.predicted not in acceptable[p.text]]
    accuracy = 1 - len(wrong) / len(faq_parses)
    FIGURES["FAQ-style accuracy"] = f"{accuracy:.3f} on {len(faq_parses)} questions ({len(wrong)} wrong)"
    listed = "\n".join(f"  {p.text} -> {p.predicted} (want {p.expected})" for p in wrong)
    assert accuracy >= MIN_FAQ_ACCURACY, f"FAQ-style accuracy {accuracy:.3f}:\n{listed}"
