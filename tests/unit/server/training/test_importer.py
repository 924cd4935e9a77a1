"""The importer turns each content file into an intent, its examples, responses and rules."""

import shutil

import pytest
import structlog
import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.nlg.interpolator import interpolate_text
from rasa.shared.core.constants import RULE_SNIPPET_ACTION_NAME
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.structures import RuleStep

from common.content import GROUPS, load_topics, menu_intent, normalise_question
from server.nlu.linear_intent_classifier import is_generated
from server.training.importer import (
    DISCLAIMER_LINE,
    SESSION_DISCLAIMER,
    VOTE_PROMPT,
    ContentImporter,
    answer_response,
    menu_response,
    DETAILS_RESPONSE,
    next_response,
)
from server.nlu.urgent import URGENT_INTENTS
from server.training.skills import onward_topics
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
    assert "utter_greet" in domain.responses


def test_every_topic_answer_is_a_response_with_its_linked_sources_and_a_way_on(importer):
    responses = importer.get_domain().responses
    topics = load_topics()
    for topic in topics.values():
        (answer,) = responses[answer_response(topic.id)]
        assert answer["text"].startswith(topic.answer) and topic.sources_line in answer["text"]
        for source in topic.sources:
            assert source.url is None or f"]({source.url.replace('(', '%28').replace(')', '%29')})" in answer["text"]
        (onward,) = responses[next_response(topic.id)]
        # As the user gets them: Rasa fills the response's placeholders first.
        payloads = [interpolate_text(b["payload"], {"topic": topic.id}) for b in onward["buttons"]]
        assert payloads == (
            [f'/tell_me_more{{"topic":"{topic.id}"}}']
            + ([topic.helper_button["payload"]] if topic.helper else [])
            + [f"/{t.id}" for t in onward_topics(topic, topics)]
            + ["/help"]
        )


def test_the_weight_and_metabolic_syndrome_answers_offer_their_helpers(importer):
    responses = importer.get_domain().responses
    domain_intents = set(importer.get_domain().intents)
    details = {v["condition"][0]["value"]: v for v in responses[DETAILS_RESPONSE] if v.get("condition")}
    for topic_id, payload in (("weight_loss_target", "/start_weight_target"),
                              ("metabolic_syndrome", "/start_metabolic_checklist")):
        (onward,) = responses[next_response(topic_id)]
        assert [b["payload"] for b in onward["buttons"]][1] == payload
        assert details[topic_id]["buttons"][0]["payload"] == payload
        # The payload is an intent whose rule starts the helper's form.
        assert payload[1:] in domain_intents


async def test_an_answers_buttons_render_without_an_error_in_the_log(importer):
    domain = importer.get_domain()
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    tracker = DialogueStateTracker.from_events("rendering", [SlotSet("topic", "coffee")], domain.slots)
    with structlog.testing.capture_logs() as logged:  # Rasa's interpolator logs with structlog
        rendered = await nlg.generate(next_response("coffee"), tracker, "rest")
    assert rendered["buttons"][0]["payload"] == '/tell_me_more{"topic":"coffee"}'
    assert [entry for entry in logged if entry["log_level"] in ("error", "exception")] == []


def test_tell_me_more_gives_the_details_of_the_topic_in_the_slot(importer):
    variations = importer.get_domain().responses[DETAILS_RESPONSE]
    topics = load_topics()
    by_topic = {v["condition"][0]["value"]: v for v in variations if v.get("condition")}
    assert set(by_topic) == set(topics)
    for topic_id, variation in by_topic.items():
        assert variation["condition"] == [{"type": "slot", "name": "topic", "value": topic_id}]
        assert variation["text"].startswith(topics[topic_id].details)
    (fallback,) = [v for v in variations if not v.get("condition")]
    assert [b["payload"] for b in fallback["buttons"]] == [f"/{menu_intent(g)}" for g in GROUPS if any(
        t.group == g for t in topics.values())]
    assert rule_actions(importer)["tell_me_more"] == [DETAILS_RESPONSE, DISCLAIMER_LINE]


def test_about_sources_lists_every_source_any_topic_uses(importer):
    variations = importer.get_domain().responses[DETAILS_RESPONSE]
    (about,) = [v for v in variations if (v.get("condition") or [{}])[0].get("value") == "about_sources"]
    for topic in load_topics().values():
        for source in topic.sources:
            assert source.markdown in about["text"], (topic.id, source.name)


def test_the_server_sets_the_topic_slot_from_the_intent(importer):
    mappings = importer.get_domain().as_dict()["slots"]["topic"]["mappings"]
    by_intent = [m for m in mappings if m["type"] == "from_intent"]
    assert {m["intent"]: m["value"] for m in by_intent} == {t: t for t in load_topics()}
    # ... and from the "Tell me more" button's payload, for that intent only.
    assert [m for m in mappings if m["type"] != "from_intent"] == [
        {"type": "from_entity", "entity": "topic", "intent": "tell_me_more"}
    ]


def test_the_menu_is_responses_whose_buttons_lead_to_rules(importer):
    domain = importer.get_domain()
    rules = rule_actions(importer)
    groups = [g for g in GROUPS if any(t.group == g for t in load_topics().values())]
    assert len(groups) == len(GROUPS), "every menu group has topics"
    for name in ("utter_topic_menu", "utter_out_of_scope", "utter_service_unavailable"):
        payloads = [b["payload"] for b in domain.responses[name][0]["buttons"]]
        assert payloads == [f"/{menu_intent(group)}" for group in groups], name
    for group in groups:
        assert rules[menu_intent(group)] == [menu_response(group)]
        buttons = domain.responses[menu_response(group)][0]["buttons"]
        assert buttons and all(rules[b["payload"][1:]][0] == answer_response(b["payload"][1:]) for b in buttons)


def rule_actions(importer, opening=False):
    """The actions of each rule that starts at a user message, by intent."""
    found = {}
    for step in importer.get_stories().story_steps:
        if not isinstance(step, RuleStep):
            continue
        events = step.events
        anchored = not (events and getattr(events[0], "action_name", None) == RULE_SNIPPET_ACTION_NAME)
        if anchored != opening:
            continue
        events = events if anchored else events[1:]
        # (A topic's twin for a second question in the message: test_skills.py.)
        if events and isinstance(events[0], UserUttered) and not events[0].entities:
            found[events[0].intent_name] = [
                e.action_name for e in events[1:]
                if isinstance(e, ActionExecuted) and e.action_name != RULE_SNIPPET_ACTION_NAME
            ]
    return found


def test_every_question_is_a_training_example(importer):
    examples = importer.get_nlu_data().intent_examples
    by_intent = {}
    for message in examples:
        if not is_generated(message):
            by_intent.setdefault(message.get("intent"), set()).add(message.get("text"))
    for topic in load_topics().values():
        assert set(topic.questions) == by_intent[topic.id]
    assert "hello" in by_intent["greet"]


def test_the_ask_grid_adds_marked_questions_that_repeat_no_written_one(importer):
    examples = importer.get_nlu_data().intent_examples
    generated = [m for m in examples if is_generated(m)]
    written = {normalise_question(m.get("text")) for m in examples if not is_generated(m)}
    by_text = {m.get("text"): m.get("intent") for m in generated}
    assert by_text["how to prevent fatty liver"] == "diet_and_exercise_combined"
    assert by_text["how is nash treated"] == "treatment_overview"
    assert not {normalise_question(m.get("text")) for m in generated} & written
    assert len(by_text) == len(generated), "a generated question appears twice"


def test_a_content_folder_without_a_grid_generates_nothing(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.rmtree(tmp_path / "content" / "phrasing")
    examples = make_importer(tmp_path / "content").get_nlu_data().intent_examples
    assert examples and not [m for m in examples if is_generated(m)]


def test_every_topic_has_a_rule_of_responses_that_ends_with_the_disclaimer_line(importer):
    rules = rule_actions(importer)
    for topic in load_topics().values():
        assert rules[topic.id] == [
            answer_response(topic.id), VOTE_PROMPT, next_response(topic.id), DISCLAIMER_LINE
        ]


def test_was_this_helpful_follows_topic_answers_only(importer):
    """Never after urgent replies, refusals, menus, fallbacks or small talk."""
    topics = load_topics()
    rules = rule_actions(importer) | rule_actions(importer, opening=True)
    asked = {intent for intent, actions in rules.items() if VOTE_PROMPT in actions}
    assert asked == set(topics)
    stories = [s for s in importer.get_stories().story_steps if not isinstance(s, RuleStep)]
    for story in stories:
        actions = [e.action_name for e in story.events if isinstance(e, ActionExecuted)]
        for at, action in enumerate(actions):
            if action == VOTE_PROMPT:
                assert actions[at - 1].startswith("utter_answer_"), story.block_name


def test_a_vote_is_thanked_by_responses_and_changes_no_topic(importer):
    domain = importer.get_domain()
    rules = rule_actions(importer)
    assert rules["helpful"] == ["utter_thanks_for_vote"]
    assert rules["not_helpful"] == ["utter_sorry_not_helpful"]
    (prompt,) = domain.responses[VOTE_PROMPT]
    assert [b["payload"] for b in prompt["buttons"]] == ["/helpful", "/not_helpful"]
    # "Not helpful" offers a way on: the details of the same topic, or the menu.
    (sorry,) = domain.responses["utter_sorry_not_helpful"]
    assert [b["payload"] for b in sorry["buttons"]] == ["/tell_me_more", "/help"]
    mappings = domain.as_dict()["slots"]["topic"]["mappings"]
    assert not {"helpful", "not_helpful"} & {m.get("intent") for m in mappings}


def test_a_session_opens_with_the_disclaimer_except_after_an_urgent_reply(importer):
    rules, openings = rule_actions(importer), rule_actions(importer, opening=True)
    for intent in URGENT_INTENTS:
        assert openings[intent] == rules[intent] + [SESSION_DISCLAIMER], intent
    for intent in ["greet", "help", "out_of_scope", "personal_medical_advice", *load_topics()]:
        assert openings[intent] == [SESSION_DISCLAIMER] + rules[intent], intent
    # A did-you-mean turn is undone, so the next message opens the session instead.
    assert "nlu_fallback" not in openings


def test_no_answer_menu_or_urgent_reply_needs_the_action_server(importer):
    rules = rule_actions(importer) | rule_actions(importer, opening=True)
    needed = [*URGENT_INTENTS, "help", "out_of_scope", *load_topics(), *map(menu_intent, GROUPS),
              "helpful", "not_helpful"]
    custom = {i: a for i, a in rules.items() if i in needed and not all(x.startswith("utter_") for x in a)}
    assert not custom, custom


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
