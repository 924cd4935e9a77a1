"""The importer turns each content file into an intent, its examples and a rule."""

import shutil

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, UserUttered

from addons.content import load_topics
from addons.importer import ANSWER_ACTION, ContentImporter
from tests.conftest import ROOT


def make_importer(content_dir=None):
    return ContentImporter(
        config_file=str(ROOT / "config.yml"),
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data")],
        content_dir=str(content_dir) if content_dir else None,
    )


@pytest.fixture(scope="module")
def importer():
    return make_importer()


def test_every_topic_is_an_intent_of_the_domain(importer):
    domain = importer.get_domain()
    assert set(load_topics()) <= set(domain.intents)
    assert {"greet", "help", "out_of_scope"} <= set(domain.intents)
    assert ANSWER_ACTION in domain.action_names_or_texts
    assert "utter_greet" in domain.responses


def test_every_question_is_a_training_example(importer):
    examples = importer.get_nlu_data().intent_examples
    by_intent = {}
    for message in examples:
        by_intent.setdefault(message.get("intent"), set()).add(message.get("text"))
    for topic in load_topics().values():
        assert set(topic.questions) == by_intent[topic.id]
    assert "hello" in by_intent["greet"]


def test_every_topic_has_a_rule_to_answer_it(importer):
    answered = set()
    for step in importer.get_stories().story_steps:
        events = step.events
        for user, action in zip(events, events[1:]):
            if isinstance(user, UserUttered) and isinstance(action, ActionExecuted):
                if action.action_name == ANSWER_ACTION:
                    answered.add(user.intent_name)
    assert set(load_topics()) <= answered


def test_adding_one_file_adds_a_topic(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    new = yaml.safe_load((tmp_path / "content" / "sleep.yml").read_text(encoding="utf-8"))
    new["id"] = "new_topic"
    new["questions"] = [f"brand new topic question {n}" for n in range(15)]
    (tmp_path / "content" / "new_topic.yml").write_text(yaml.safe_dump(new), encoding="utf-8")

    importer = make_importer(tmp_path / "content")

    assert "new_topic" in importer.get_domain().intents
    texts = {m.get("text") for m in importer.get_nlu_data().intent_examples if m.get("intent") == "new_topic"}
    assert len(texts) == 15
