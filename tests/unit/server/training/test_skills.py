"""The conversation skills' generated responses and rules, and the onward walk."""

from common.content import MORE_TOPICS_BUTTON, load_topics
from server.training.skills import (
    SECOND_QUESTION_RESPONSE,
    SIMPLER_RESPONSE,
    SKILL_TOPICS,
    add_skill_responses,
    onward_topics,
    second_question_rules_yaml,
    simple_version,
    tour,
)

TOPICS = load_topics()


def test_following_the_last_suggestion_visits_every_topic():
    seen, current = [], tour(TOPICS)[0]
    for _ in TOPICS:
        seen.append(current)
        current = onward_topics(TOPICS[current], TOPICS)[-1].id
    assert sorted(seen) == sorted(TOPICS)


def test_every_answer_offers_new_ground_beyond_its_related_topics():
    for topic in TOPICS.values():
        onward = [t.id for t in onward_topics(topic, TOPICS)]
        assert set(topic.related) <= set(onward) and topic.id not in onward
        walk = tour(TOPICS)
        assert onward[-1] == walk[(walk.index(topic.id) + 1) % len(walk)]


def test_skill_responses_get_topic_buttons_and_the_generated_variations():
    responses = {name: [{"text": "x"}] for name in SKILL_TOPICS}
    responses["utter_other_language"] = [{"text": "y"}]
    add_skill_responses(responses, TOPICS)
    assert responses["utter_nearby_condition"][0]["buttons"][:2] == [
        {"title": TOPICS["alcohol"].title, "payload": "/alcohol"},
        {"title": TOPICS["living_with_cirrhosis"].title, "payload": "/living_with_cirrhosis"},
    ]
    assert responses["utter_worry"][0]["buttons"][-1] == MORE_TOPICS_BUTTON
    assert responses["utter_other_language"][0]["buttons"][0]["payload"] == "/menu_basics"
    simpler = responses[SIMPLER_RESPONSE]
    assert len(simpler) == len(TOPICS) + 1 and "condition" not in simpler[-1]
    nash = next(v for v in simpler if v.get("condition", [{}])[0].get("value") == "what_is_nash")
    assert nash["text"] == simple_version(TOPICS["what_is_nash"])
    assert nash["text"].endswith("damage to liver cells.")
    second = responses[SECOND_QUESTION_RESPONSE]
    assert {v["buttons"][0]["payload"] for v in second if "buttons" in v} == {f"/{t}" for t in TOPICS}


def test_a_second_question_rule_says_the_offer_before_the_disclaimer():
    yaml_text = second_question_rules_yaml(TOPICS, {"coffee": ["utter_answer_coffee", "utter_next_coffee", "utter_disclaimer_line"]})
    assert yaml_text.splitlines() == [
        "- rule: answer the topic coffee and offer the second question",
        "  steps:",
        "  - intent: coffee",
        "    entities:",
        "    - second_topic",
        "  - action: utter_answer_coffee",
        "  - action: utter_next_coffee",
        "  - action: utter_second_question",
        "  - action: utter_disclaimer_line",
    ]
