"""Conversation skills (issue 12) on the held-out messages of tests/nlu_heldout_skills/,
scored as `make bench` scores them (bench/skills.py): at least 0.95 handled."""

from bench.skills import load_cases, parse_all, score
from common.content import load_topics, normalise_question
from tests.conftest import FIGURES
from tests.model.test_heldout import training_questions

MIN_SKILLS_HANDLED = 0.95
MIN_MESSAGES = 80


def test_no_skill_message_is_a_training_example():
    training = training_questions()
    cases = load_cases()
    assert len(cases) >= MIN_MESSAGES
    leaked = [case.text for case in cases if normalise_question(case.text) in training]
    assert not leaked, f"held-out skill messages also in the training data: {leaked}"


def test_conversation_skills_are_handled_on_the_heldout_messages(agent):
    cases = load_cases()
    result = score(cases, parse_all(agent, [case.text for case in cases]), load_topics())
    per_class = ", ".join(f"{name} {row['handled']}/{row['total']}" for name, row in sorted(result["classes"].items()))
    FIGURES["held-out conversation skills"] = f"{result['share']:.3f} of {result['total']} ({per_class})"
    missed = {name: row["missed"] for name, row in result["classes"].items() if row["missed"]}
    assert result["share"] >= MIN_SKILLS_HANDLED, missed
