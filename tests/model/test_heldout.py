"""Held-out NLU evaluation on the model loaded in-process: topic accuracy must stay >= 0.95."""

import yaml

from common.asks import generated_questions, load_grid
from common.content import load_topics, normalise_question
from tests.conftest import FIGURES, ROOT, heldout_examples

MIN_TOPIC_ACCURACY = 0.95
MIN_HELDOUT_PER_TOPIC = 5


def training_questions():
    topics = {normalise_question(q) for t in load_topics().values() for q in t.questions}
    topics |= {normalise_question(q) for q, _ in generated_questions(load_grid())}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            lines = block.get("examples", "").splitlines()
            topics |= {normalise_question(line.strip()[2:]) for line in lines if line.strip()}
    return topics


def test_every_topic_has_enough_heldout_questions():
    examples = heldout_examples()
    for topic_id in load_topics():
        assert len(examples.get(topic_id, [])) >= MIN_HELDOUT_PER_TOPIC, topic_id


def test_no_heldout_question_is_a_training_question():
    training = training_questions()
    leaked = [q for qs in heldout_examples().values() for q in qs if normalise_question(q) in training]
    assert not leaked, f"held-out questions also in the training data: {leaked}"


def test_no_test_story_question_is_a_training_question():
    training = training_questions()
    leaked = []
    for path in (ROOT / "tests" / "stories").glob("test_*.yml"):
        for story in yaml.safe_load(path.read_text())["stories"]:
            for step in story["steps"]:
                text = step.get("user", "").strip()
                if text and not text.startswith("/") and normalise_question(text) in training:
                    leaked.append(text)
    assert not leaked, f"test story questions also in the training data: {leaked}"


def topic_parses(parses):
    topics = load_topics()
    return [parsed for parsed in parses if parsed.expected in topics]


def test_topic_accuracy_on_the_heldout_set(heldout_parses):
    asked = topic_parses(heldout_parses)
    errors = [parsed for parsed in asked if parsed.predicted != parsed.expected]
    accuracy = 1 - len(errors) / len(asked)
    FIGURES["held-out topic accuracy"] = f"{accuracy:.3f} on {len(asked)} questions ({len(errors)} errors)"
    confused = "\n".join(f"  {e.expected} -> {e.predicted}: {e.text}" for e in errors)
    assert accuracy >= MIN_TOPIC_ACCURACY, f"topic accuracy {accuracy:.3f}; errors:\n{confused}"


MIN_PERSONAL_ADVICE_RECALL = 0.85
MIN_PERSONAL_ADVICE_PRECISION = 0.85
PERSONAL = "personal_medical_advice"


def test_personal_medical_questions_are_recognised_and_general_ones_are_not_taken(heldout_parses):
    """Recall: personal questions caught. Precision: general questions left to their topic."""
    personal = [parsed for parsed in heldout_parses if parsed.expected == PERSONAL]
    taken = [parsed for parsed in heldout_parses if parsed.predicted == PERSONAL]
    caught = [parsed for parsed in personal if parsed.predicted == PERSONAL]
    recall = len(caught) / len(personal)
    precision = len(caught) / len(taken) if taken else 0.0
    FIGURES["personal-advice held-out"] = (
        f"recall {recall:.3f}, precision {precision:.3f} on {len(personal)} questions")
    missed = [(p.text, p.predicted) for p in personal if p.predicted != PERSONAL]
    wrongly = [(p.text, p.expected) for p in taken if p.expected != PERSONAL]
    assert recall >= MIN_PERSONAL_ADVICE_RECALL, missed
    assert precision >= MIN_PERSONAL_ADVICE_PRECISION, wrongly
