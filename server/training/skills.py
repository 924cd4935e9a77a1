"""The conversation skills' part of the generated training data (issue 12).

Called by server.training.importer.ContentImporter, kept here so the importer changes by a
few lines only. It adds:

- the topic buttons of the skill responses in domain.yml (worry, low mood, good news, a
  nearby condition, another language), named by topic id so a title is never stale;
- `utter_simpler`: the simple version (the key fact, the answer's first sentence) of the
  topic the conversation is on, one variation per topic, the menu when there is none;
- `utter_second_question`: the button to the second question of a message, one variation
  per topic of the `second_topic` slot, and per topic a rule that says it after the answer
  when the message has a `second_topic` entity (server/nlu/second_question.py);
- the onward walk: each answer's related topics plus the next topic of a tour through
  every topic, so following the suggestions always reaches new ground.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from common.content import (
    GROUPS,
    MORE_TOPICS_BUTTON,
    Topic,
    group_buttons,
    sentences,
    topic_button,
)

SIMPLER_RESPONSE = "utter_simpler"
SECOND_QUESTION_RESPONSE = "utter_second_question"
SECOND_TOPIC = "second_topic"
TOPIC_SLOT = "topic"
# The topics that still apply after each skill's reply (then "Other topics").
SKILL_TOPICS = {
    "utter_worry": ("who_should_get_checked", "reversibility"),
    "utter_low_mood": ("faq_improve_without_weight_loss", "stress_management"),
    "utter_good_news": ("monitoring_progress", "weight_loss_target"),
    "utter_nearby_condition": ("alcohol", "living_with_cirrhosis"),
}
# Replies that end with the topic menu's groups.
MENU_SKILL_RESPONSES = ("utter_other_language",)
SIMPLER_PREFIX = "Sorry, I made that too hard. In short:"
NO_TOPIC_SIMPLER = "Sorry, I made that hard to follow. Pick a group, and I'll keep it short:"
SECOND_QUESTION_TEXT = "You also asked about this. Tap to read it:"
NO_SECOND_TOPIC = "You asked two things: ask me the other one next, and I'll answer it too."


def tour(topics: Dict[Text, Topic]) -> List[Text]:
    """Every topic once, menu group by menu group: the walk the last suggestion follows."""
    order = list(GROUPS)
    return sorted(topics, key=lambda topic_id: (order.index(topics[topic_id].group), topic_id))


def onward_topics(topic: Topic, topics: Dict[Text, Topic]) -> List[Topic]:
    """The topic's related topics, then the next topic of the tour, always last: clicking
    the last suggestion again and again visits every topic."""
    walk = tour(topics)
    following = walk[(walk.index(topic.id) + 1) % len(walk)]
    shown = [related for related in topic.related if related in topics and related != following]
    return [topics[topic_id] for topic_id in shown + [following]]


def onward_buttons(topic: Topic, topics: Dict[Text, Topic]) -> List[Dict[Text, Text]]:
    return [topic_button(t) for t in onward_topics(topic, topics)] + [MORE_TOPICS_BUTTON]


def simple_version(topic: Topic) -> Text:
    return f"{SIMPLER_PREFIX} {sentences(topic.answer)[0]}"


def add_skill_responses(responses: Dict[Text, List[Dict[Text, Any]]], topics: Dict[Text, Topic]) -> None:
    """Fills in the skill responses' buttons and adds the generated ones."""
    for name, topic_ids in SKILL_TOPICS.items():
        buttons = [topic_button(topics[t]) for t in topic_ids if t in topics] + [MORE_TOPICS_BUTTON]
        for variation in responses.get(name, []):
            variation["buttons"] = buttons
    for name in MENU_SKILL_RESPONSES:
        for variation in responses.get(name, []):
            variation["buttons"] = group_buttons(topics)
    responses[SIMPLER_RESPONSE] = [
        {
            "condition": [{"type": "slot", "name": TOPIC_SLOT, "value": topic.id}],
            "text": simple_version(topic),
            "buttons": onward_buttons(topic, topics),
        }
        for topic in topics.values()
    ] + [{"text": NO_TOPIC_SIMPLER, "buttons": group_buttons(topics)}]
    responses[SECOND_QUESTION_RESPONSE] = [
        {
            "condition": [{"type": "slot", "name": SECOND_TOPIC, "value": topic.id}],
            "text": SECOND_QUESTION_TEXT,
            "buttons": [topic_button(topic)],
        }
        for topic in topics.values()
    ] + [{"text": NO_SECOND_TOPIC}]


def second_question_rules_yaml(topics: Dict[Text, Topic], answer_actions: Dict[Text, List[Text]]) -> Text:
    """Per topic, its answer rule with the second question's offer before the last action
    (the disclaimer line). A rule with the entity is longer, so Rasa prefers it."""
    lines = []
    for topic_id, actions in answer_actions.items():
        if topic_id not in topics:
            continue
        with_offer = actions[:-1] + [SECOND_QUESTION_RESPONSE] + actions[-1:]
        lines.extend(
            [
                f"- rule: answer the topic {topic_id} and offer the second question",
                "  steps:",
                f"  - intent: {topic_id}",
                "    entities:",
                f"    - {SECOND_TOPIC}",
            ]
        )
        lines.extend(f"  - action: {action}" for action in with_offer)
    return "\n".join(lines) + "\n" if lines else ""
