"""What the insights report counts, from the stored events of each conversation.

How each thing shows in the events (domain.yml, data/, server/training/importer.py):
- a topic answer: the action `utter_answer_<topic id>` (the Rasa server also sets `topic`);
- did-you-mean: a typed message with the intent `nlu_fallback`, or that the action
  `action_default_fallback` answered;
- out of scope: a typed message with the intent `out_of_scope`;
- a red flag: a message with an urgent intent (server/nlu/urgent.py);
- a vote: a message with the intent `helpful` or `not_helpful` (the buttons send
  `/helpful` and `/not_helpful`), for the topic the conversation was on: the vote's own
  `topic` entity if it has one, else the `topic` slot, else the last topic answered;
- a question it could not place: the text of a typed did-you-mean or out-of-scope message.
Only events inside the date range count; earlier ones still tell which topic a vote is for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.core.constants import ACTION_DEFAULT_FALLBACK_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    AllSlotsReset,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from server.nlu.urgent import URGENT_INTENTS
from server.training.importer import TOPIC_SLOT, answer_response

ANSWER_PREFIX = answer_response("")
OUT_OF_SCOPE = "out_of_scope"
DID_YOU_MEAN = "did_you_mean"
HELPFUL, NOT_HELPFUL = "helpful", "not_helpful"
NO_TOPIC = "(no topic)"


@dataclass(frozen=True)
class Unplaced:
    """A typed question the assistant could not place (its text is masked later)."""

    text: str
    kind: str  # DID_YOU_MEAN or OUT_OF_SCOPE
    # The classifier's best topic for it, when it had one: which answer might need the words.
    nearest_topic: Optional[str]


@dataclass
class Counts:
    conversations: int = 0
    user_messages: int = 0
    typed_messages: int = 0
    bot_messages: int = 0
    did_you_mean: int = 0
    out_of_scope: int = 0
    answers: Counter = field(default_factory=Counter)
    red_flags: Counter = field(default_factory=Counter)
    votes: Dict[str, Counter] = field(default_factory=dict)
    unplaced: List[Unplaced] = field(default_factory=list)

    def rate(self, count: int) -> float:
        """A share of the typed messages (button presses are never misunderstood)."""
        return count / self.typed_messages if self.typed_messages else 0.0


def is_typed(message: UserUttered) -> bool:
    return not (message.text or "").startswith("/")


def nearest_topic(message: UserUttered, topics: Iterable[str]) -> Optional[str]:
    ranking = (message.parse_data or {}).get("intent_ranking") or []
    return next((intent["name"] for intent in ranking if intent.get("name") in topics), None)


def vote_topic(message: UserUttered, slot_topic: Optional[str], answered: Optional[str]) -> str:
    entity = next((e.get("value") for e in message.entities or [] if e.get("entity") == TOPIC_SLOT), None)
    return entity or slot_topic or answered or NO_TOPIC


class ConversationWalk:
    """One conversation's events in order, adding what falls in the range to `counts`."""

    def __init__(self, counts: Counts, start: float, end: float, topics: Iterable[str]) -> None:
        self.counts, self.start, self.end, self.topics = counts, start, end, set(topics)
        self.slot_topic: Optional[str] = None
        self.answered: Optional[str] = None
        self.last_message: Optional[UserUttered] = None
        self.flagged = False  # the last message already counted as did-you-mean
        self.active = False

    def walk(self, events: Iterable[Event]) -> None:
        for event in events:
            self.step(event, self.start <= (event.timestamp or 0) < self.end)
        self.counts.conversations += self.active

    def step(self, event: Event, in_range: bool) -> None:
        if isinstance(event, (SessionStarted, Restarted, AllSlotsReset)):
            self.slot_topic = None  # domain.yml: no slot carries over to a new session
        elif isinstance(event, SlotSet) and event.key == TOPIC_SLOT:
            self.slot_topic = event.value
        elif isinstance(event, ActionExecuted) and (event.action_name or "").startswith(ANSWER_PREFIX):
            self.answered = event.action_name[len(ANSWER_PREFIX):]
            if in_range:
                self.counts.answers[self.answered] += 1
        elif isinstance(event, ActionExecuted) and event.action_name == ACTION_DEFAULT_FALLBACK_NAME:
            if in_range and self.last_message is not None:
                self._did_you_mean(self.last_message)
        elif isinstance(event, BotUttered):
            self.counts.bot_messages += in_range
        elif isinstance(event, UserUttered):
            self.last_message, self.flagged = (event if in_range else None), False
            if in_range:
                self._message(event)

    def _message(self, message: UserUttered) -> None:
        counts, intent = self.counts, message.intent_name
        self.active = True
        counts.user_messages += 1
        counts.typed_messages += is_typed(message)
        if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME:
            self._did_you_mean(message)
        elif intent == OUT_OF_SCOPE and is_typed(message):
            counts.out_of_scope += 1
            self.flagged = True  # listed once, even if a did-you-mean followed
            self._unplaced(message, OUT_OF_SCOPE)
        elif intent in URGENT_INTENTS:
            counts.red_flags[intent] += 1
        elif intent in (HELPFUL, NOT_HELPFUL):
            topic = vote_topic(message, self.slot_topic, self.answered)
            counts.votes.setdefault(topic, Counter())[intent] += 1

    def _did_you_mean(self, message: UserUttered) -> None:
        if self.flagged or not is_typed(message):
            return
        self.flagged = True
        self.counts.did_you_mean += 1
        self._unplaced(message, DID_YOU_MEAN)

    def _unplaced(self, message: UserUttered, kind: str) -> None:
        self.counts.unplaced.append(Unplaced(message.text or "", kind, nearest_topic(message, self.topics)))
