"""NLU components that keep odd input from reaching the classifier as-is.

`MessageCleaner` runs first in the pipeline: it drops markup and control characters
and caps the text at MAX_MESSAGE_CHARS, so a 20,000-character paste costs the
classifier no more than a long question. `BlankMessageClassifier` runs last: a message
with nothing left to read is marked `nlu_fallback`, so the bot asks the user to
rephrase instead of guessing from nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Documented in README.md ("Limits"): longer messages are cut before NLU sees them.
MAX_MESSAGE_CHARS = 1000

_TAG = re.compile(r"<[^>]{0,200}>")
_SPACE = re.compile(r"\s+")


def clean_text(text: Text) -> Text:
    """The text NLU should read: no tags, no control characters, capped, single-spaced."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") else char
        for char in text[: MAX_MESSAGE_CHARS * 4]
    )
    return _SPACE.sub(" ", text).strip()[:MAX_MESSAGE_CHARS].strip()


def has_words(text: Text) -> bool:
    """True when the text has at least one letter or digit to classify."""
    return any(char.isalnum() for char in text)


class _StatelessComponent(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class MessageCleaner(_StatelessComponent):
    """Cleans and caps the user's text before tokenization."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                message.set(TEXT, clean_text(text))
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class BlankMessageClassifier(_StatelessComponent):
    """Marks messages with no letters or digits (empty, only emoji or symbols) as fallback."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not has_words(message.get(TEXT) or ""):
                message.set(
                    INTENT,
                    {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0},
                    add_to_output=True,
                )
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages
