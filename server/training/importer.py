"""Training data importer that adds the topic files under content/ to Rasa's own files.

Listed in config.yml under `importers`, so `rasa train`, `rasa data validate` and
`rasa interactive` read it with no flags. Nothing generated is written to disk. At train
time each topic file becomes:

- an intent named by the topic id, with the file's questions as examples;
- a response `utter_answer_<id>` (the short answer, its sources as links and review date),
  and `utter_next_<id>`, whose buttons are "Tell me more", the topic's guided helper where
  it names one (`helper`), the related topics and "Other topics";
- a rule: the intent, the answer, "Was this helpful?" (`utter_ask_helpful`), the next
  steps, then `utter_disclaimer_line`;
- a `from_intent` mapping of the slot `topic` to the id;
- a variation of `utter_details` (the details layer) for when `topic` is the id: "tell me
  more", "go on", "why?" or the button give the details of the topic the conversation is on.

The help menu gets one intent, response and rule per group (`menu_<group>`), and the
responses in MENU_RESPONSES get the group buttons. So every answer, menu and urgent reply
is a response chosen by a rule inside the model, and the Rasa server sets `topic` itself:
none of it depends on the action server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Union

from rasa.shared.core.constants import RULE_SNIPPET_ACTION_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import RuleStep, StoryGraph
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.common import cached_method

from common.asks import ASKS_PATH, AskGrid, generated_questions, load_grid
from common.content import (
    CONTENT_DIR,
    GROUPS,
    MORE_TOPICS_BUTTON,
    TELL_ME_MORE,
    Topic,
    group_buttons,
    load_topics,
    menu_intent,
    normalise_question,
    tell_me_more_button,
    topic_button,
    used_groups,
)
from server.nlu.linear_intent_classifier import GENERATED
from server.nlu.urgent import URGENT_INTENTS
from server.training.skills import add_skill_responses, onward_buttons, second_question_rules_yaml

TOPIC_SLOT = "topic"
DISCLAIMER_LINE = "utter_disclaimer_line"
SESSION_DISCLAIMER = "utter_full_disclaimer"
NEXT_PROMPT = "Want to know more?"
DETAILS_RESPONSE = "utter_details"
# "Was this helpful?" (domain.yml): its 👍/👎 buttons send /helpful and /not_helpful.
VOTE_PROMPT = "utter_ask_helpful"
NO_TOPIC_YET = "Which topic would you like to hear more about? Pick a group:"
ABOUT_SOURCES = "about_sources"
# Responses of domain.yml that show the topic menu: their buttons are the menu groups.
MENU_RESPONSES = ("utter_topic_menu", "utter_out_of_scope", "utter_service_unavailable")
# Intents whose reply is no first reply: a did-you-mean turn is undone (UserUtteranceReverted)
# and a restart starts over, so the next message opens the session instead.
NO_OPENING = {"nlu_fallback", "restart"}


def answer_response(topic_id: Text) -> Text:
    return f"utter_answer_{topic_id}"


def next_response(topic_id: Text) -> Text:
    return f"utter_next_{topic_id}"


def menu_response(group: Text) -> Text:
    return f"utter_menu_{group}"


class ContentImporter(RasaFileImporter):
    """Rasa's file importer plus the topics, the menu and the session-opening rules."""

    def __init__(
        self,
        config_file: Optional[Text] = None,
        domain_path: Optional[Text] = None,
        training_data_paths: Optional[Union[List[Text], Text]] = None,
        content_dir: Optional[Text] = None,
    ) -> None:
        super().__init__(config_file, domain_path, training_data_paths)
        self._content_dir = Path(content_dir) if content_dir else CONTENT_DIR

    @cached_method
    def topics(self) -> Dict[str, Topic]:
        # check=True: a broken topic file stops training with a message naming it.
        return load_topics(self._content_dir, check=True)

    @cached_method
    def get_domain(self) -> Domain:
        base = super().get_domain()
        if base.is_empty():  # `rasa train nlu` reads no domain: nothing to add to
            return base
        domain = base.as_dict()
        topics = self.topics()
        groups = used_groups(topics)
        domain["intents"] = domain.get("intents", []) + list(topics) + [menu_intent(g) for g in groups]
        responses = domain.setdefault("responses", {})
        details = []
        for topic in topics.values():
            # Related topics, then one new topic of a tour through all (server/training/skills.py).
            onward = onward_buttons(topic, topics)
            responses[answer_response(topic.id)] = [{"text": f"{topic.answer}\n\n{topic.sources_line}"}]
            helper = [topic.helper_button] if topic.helper else []
            responses[next_response(topic.id)] = [
                {"text": NEXT_PROMPT,
                 "buttons": [literal_braces(tell_me_more_button(topic.id))] + helper + onward}
            ]
            details.append(
                {
                    "condition": [{"type": "slot", "name": TOPIC_SLOT, "value": topic.id}],
                    "text": f"{details_text(topic, topics)}\n\n{topic.sources_line}",
                    "buttons": helper + onward,
                }
            )
        # With no topic yet, "tell me more" offers the menu.
        responses[DETAILS_RESPONSE] = details + [{"text": NO_TOPIC_YET, "buttons": group_buttons(topics)}]
        for group in groups:
            buttons = [topic_button(t) for t in topics.values() if t.group == group]
            responses[menu_response(group)] = [{"text": f"{GROUPS[group]}: pick a topic.", "buttons": buttons}]
        for name in MENU_RESPONSES:
            for variation in responses[name]:
                variation["buttons"] = group_buttons(topics)
        add_skill_responses(responses, topics)
        # The Rasa server sets the slot from the intent, before it answers.
        domain["slots"][TOPIC_SLOT]["mappings"] = [
            {"type": "from_intent", "intent": topic_id, "value": topic_id} for topic_id in topics
        ] + [
            # "Tell me more" on an older answer's button names that answer's topic.
            {"type": "from_entity", "entity": TOPIC_SLOT, "intent": TELL_ME_MORE}
        ]
        return Domain.from_dict(domain)

    @cached_method
    def get_nlu_data(self, language: Optional[Text] = "en") -> TrainingData:
        examples = [
            Message.build(text=question, intent=topic.id)
            for topic in self.topics().values()
            for question in topic.questions
        ]
        base = super().get_nlu_data(language)
        written = {normalise_question(e.get(TEXT)) for e in examples + base.intent_examples}
        examples += [
            # Marked, so the classifier weighs them below the questions editors wrote.
            Message.build(text=question, intent=topic_id, example_metadata={GENERATED: "asks"})
            for question, topic_id in generated_questions(self.ask_grid())
            if normalise_question(question) not in written
        ]
        return base.merge(TrainingData(training_examples=examples))

    @cached_method
    def ask_grid(self) -> AskGrid:
        return load_grid(self._content_dir / ASKS_PATH)

    @cached_method
    def get_stories(self, exclusion_percentage: Optional[int] = None) -> StoryGraph:
        reader = YAMLStoryReader(self.get_domain())
        generated = StoryGraph(reader.read_from_string(_generated_rules_yaml(self.topics())))
        stories = super().get_stories(exclusion_percentage).merge(generated)
        return stories.merge(StoryGraph(opening_rules(stories)))


def literal_braces(button: Dict[Text, Text]) -> Dict[Text, Text]:
    """The button with its payload's braces doubled. Rasa fills `{slot}` placeholders in a
    response, payloads included, and doubled braces are its escape for a literal one: the
    user still gets `/tell_me_more{"topic":"coffee"}`, and Rasa no longer logs an ERROR
    ("the specified slot name does not exist") on every answer."""
    return {**button, "payload": button["payload"].replace("{", "{{").replace("}", "}}")}


def _generated_rules_yaml(topics: Dict[str, Topic]) -> str:
    lines = ['version: "3.1"', "rules:"]

    def rule(name: Text, intent: Text, actions: List[Text]) -> None:
        lines.extend([f"- rule: {name}", "  steps:", f"  - intent: {intent}"])
        lines.extend(f"  - action: {action}" for action in actions)

    answers = {t.id: answer_actions(t.id) for t in topics.values()}
    for topic_id, actions in answers.items():
        rule(f"answer the topic {topic_id}", topic_id, actions)
    rule("tell me more about the current topic", TELL_ME_MORE, [DETAILS_RESPONSE, DISCLAIMER_LINE])
    for group in used_groups(topics):
        rule(f"show the menu group {group}", menu_intent(group), [menu_response(group)])
    # Conversation skills: a second question in the same message (server/training/skills.py).
    return "\n".join(lines) + "\n" + second_question_rules_yaml(topics, answers)


def answer_actions(topic_id: Text) -> List[Text]:
    """What a topic question gets, in order. The vote prompt follows the answer it is
    about and comes before the next steps: its buttons are the first of the turn, so a
    typed "1" or "2" votes on SMS and WhatsApp while the next steps go on from 3
    (server/channels/numbered_replies.py); the reminder still ends the answer."""
    return [answer_response(topic_id), VOTE_PROMPT, next_response(topic_id), DISCLAIMER_LINE]


def details_text(topic: Topic, topics: Dict[str, Topic]) -> Text:
    """The details layer; about_sources also lists every source any topic uses."""
    if topic.id != ABOUT_SOURCES:
        return topic.details
    sources = sorted({s for t in topics.values() for s in t.sources}, key=lambda s: s.name.lower())
    listed = "\n".join(f"- {source.markdown}" for source in sources)
    return f"{topic.details}\n\nEvery source the answers use:\n\n{listed}"


def _is_snippet(event: Any) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name == RULE_SNIPPET_ACTION_NAME


def _opening_intents(user_step: Any) -> List[Text]:
    steps = user_step if isinstance(user_step, list) else [user_step]
    return [step.intent_name for step in steps if isinstance(step, UserUttered)]


def opening_rules(stories: StoryGraph) -> List[RuleStep]:
    """A twin of each rule that starts at a user message, for the first message of a session.

    Rasa 3.6 runs action_session_start before it parses the message that opened the session,
    so the session start cannot know whether that message is a red flag. So the session
    start is Rasa's own, which says nothing, and the first reply says the disclaimer: each
    twin is marked `conversation_start` (it matches only the first message after
    SessionStarted or Restarted), and RulePolicy prefers it there because it is longer. It
    puts the full disclaimer before the reply, or after it when the reply is urgent, so an
    urgent reply is always the first thing the user reads.
    """
    twins = []
    for step in stories.story_steps:
        if not isinstance(step, RuleStep) or step.condition_events_indices or len(step.events) < 3:
            continue
        snippet, user, *actions = step.events
        intents = _opening_intents(user)
        if not _is_snippet(snippet):
            continue
        if not intents or NO_OPENING & set(intents):
            continue
        disclaimer = ActionExecuted(SESSION_DISCLAIMER)
        if set(intents) <= set(URGENT_INTENTS):
            # Before a trailing snippet (wait_for_user_input: false), if the rule has one.
            at = len(actions) - 1 if _is_snippet(actions[-1]) else len(actions)
            events = [user, *actions[:at], disclaimer, *actions[at:]]
        elif set(intents) & set(URGENT_INTENTS):
            continue  # an urgent reply never shares a rule with a plain one
        else:
            events = [user, disclaimer, *actions]
        twins.append(
            RuleStep(
                block_name=f"{step.block_name} (first message of a session)",
                start_checkpoints=step.start_checkpoints,
                end_checkpoints=step.end_checkpoints,
                events=events,
                source_name=step.source_name,
            )
        )
    return twins
