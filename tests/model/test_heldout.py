"""Held-out NLU evaluation with `rasa test nlu`: topic accuracy must stay >= 0.95."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from common.content import load_topics, normalise_question
from tests.conftest import FIGURES, HELDOUT_DIR, ROOT, heldout_examples

MIN_TOPIC_ACCURACY = 0.95
MIN_HELDOUT_PER_TOPIC = 5
RESULTS = ROOT / "results" / "nlu"


def training_questions():
    topics = {normalise_question(q) for t in load_topics().values() for q in t.questions}
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


@pytest.fixture(scope="module")
def intent_report(trained_model):
    command = [
        str(Path(sys.executable).parent / "rasa"), "test", "nlu",
        "--nlu", str(HELDOUT_DIR), "--model", str(trained_model), "--out", str(RESULTS),
    ]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return json.loads((RESULTS / "intent_report.json").read_text())


def topic_accuracy(report):
    topics = [t for t in load_topics() if t in report]
    support = sum(report[t]["support"] for t in topics)
    correct = sum(report[t]["recall"] * report[t]["support"] for t in topics)
    return correct / support, round(support)


def test_topic_accuracy_on_the_heldout_set(intent_report):
    accuracy, count = topic_accuracy(intent_report)
    errors = json.loads((RESULTS / "intent_errors.json").read_text())
    FIGURES["held-out topic accuracy"] = f"{accuracy:.3f} on {count} questions ({len(errors)} errors)"
    confused = "\n".join(
        f"  {e['intent']} -> {e['intent_prediction']['name']}: {e['text']}" for e in errors
    )
    assert accuracy >= MIN_TOPIC_ACCURACY, f"topic accuracy {accuracy:.3f}; errors:\n{confused}"



MIN_PERSONAL_ADVICE_RECALL = 0.85
MIN_PERSONAL_ADVICE_PRECISION = 0.85


def test_personal_medical_questions_are_recognised_and_general_ones_are_not_taken(intent_report):
    """Recall: personal questions caught. Precision: general questions left to their topic."""
    report = intent_report["personal_medical_advice"]
    FIGURES["personal-advice held-out"] = (
        f"recall {report['recall']:.3f}, precision {report['precision']:.3f} "
        f"on {round(report['support'])} questions"
    )
    assert report["recall"] >= MIN_PERSONAL_ADVICE_RECALL, report
    assert report["precision"] >= MIN_PERSONAL_ADVICE_PRECISION, report
