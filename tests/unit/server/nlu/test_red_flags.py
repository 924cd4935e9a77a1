"""The red-flag patterns against real phrasings, negations and every topic question."""

from pathlib import Path

import pytest
import yaml

from common.content import load_topics
from server.nlu.red_flags import RedFlagMatcher
from tests.conftest import FIGURES, HELDOUT_DIR, ROOT

PHRASINGS = yaml.safe_load((Path(__file__).parent / "red_flag_phrasings.yml").read_text())
MUST_TRIGGER = PHRASINGS["must_trigger"]
MUST_NOT_TRIGGER = PHRASINGS["must_not_trigger"]
SYMPTOMS = {
    "vomiting_blood", "black_or_bloody_stool", "yellow_skin_or_eyes", "confusion_or_drowsiness",
    "severe_abdominal_pain", "fast_swelling_belly", "chest_pain", "fainting",
    "very_low_blood_sugar", "self_harm",
}


@pytest.fixture(scope="module")
def matcher():
    return RedFlagMatcher.from_file()


def symptoms_in(matcher, text):
    return {flag.symptom for flag, _ in matcher.find(text)}


def nlu_questions():
    questions = [q for topic in load_topics().values() for q in topic.questions]
    paths = list(HELDOUT_DIR.glob("*.yml")) + list((ROOT / "data" / "nlu").glob("*.yml"))
    for path in paths:
        for block in yaml.safe_load(path.read_text())["nlu"]:
            questions += [l.strip()[2:] for l in block["examples"].splitlines() if l.strip()]
    return questions


def test_the_phrasings_cover_every_red_flag():
    assert len(MUST_TRIGGER) >= 60
    assert {case["symptom"] for case in MUST_TRIGGER} == SYMPTOMS


def test_every_red_flag_phrasing_triggers_its_symptom(matcher):
    missed = [c for c in MUST_TRIGGER if c["symptom"] not in symptoms_in(matcher, c["text"])]
    recall = 1 - len(missed) / len(MUST_TRIGGER)
    FIGURES["red-flag recall"] = f"{recall:.3f} on {len(MUST_TRIGGER)} phrasings"
    assert not missed, missed


def test_negations_and_general_questions_do_not_trigger(matcher):
    false = {text: symptoms_in(matcher, text) for text in MUST_NOT_TRIGGER if symptoms_in(matcher, text)}
    assert not false, false


def test_no_training_or_heldout_question_triggers(matcher):
    questions = nlu_questions()
    false = {q: symptoms_in(matcher, q) for q in questions if symptoms_in(matcher, q)}
    FIGURES["red-flag false triggers"] = f"{len(false)} of {len(questions)} training and held-out questions"
    assert not false, false


def test_self_harm_is_a_crisis_flag(matcher):
    (flag, _), *_ = matcher.find("i want to kill myself")
    assert flag.symptom == "self_harm" and flag.crisis
