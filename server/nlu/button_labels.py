"""NLU component: a button's label typed as a message does what the click does.

Text-only channels, screen-reader users and people who copy a label ("What helps") send the
label instead of the payload. The classifier was unsure of short labels (menu groups fell
to did-you-mean), so an exact label, read the way topic questions are compared (case,
punctuation and spacing aside), gets the button's intent with full confidence. Labels
come from the topic files and the menu groups (read when the server starts, as the
answers were built from them at train time) and the fixed buttons below.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common.content import GROUPS, MORE_TOPICS_BUTTON, TELL_ME_MORE, load_topics, menu_intent, normalise_question
from server.nlu.ranking import put_first

# Buttons of domain.yml and the actions whose payload is a plain intent.
FIXED_LABELS = {
    "Tell me more": TELL_ME_MORE,
    MORE_TOPICS_BUTTON["title"]: "help",
    "Something else": "help",
    "Show the topics": "help",
    "Explain it more simply": "repair_simpler",
    "No, keep it": "deny",
}


def label_intents(topics: Dict[Text, Any]) -> Dict[Text, Text]:
    """Each button label, normalised, and the intent its payload names."""
    labels = {label: intent for label, intent in FIXED_LABELS.items()}
    labels.update({title: menu_intent(group) for group, title in GROUPS.items()})
    labels.update({topic.title: topic.id for topic in topics.values()})
    return {normalise_question(label): intent for label, intent in labels.items()}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ButtonLabelClassifier(GraphComponent):
    def __init__(self, labels: Dict[Text, Text]) -> None:
        self._labels = labels

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ButtonLabelClassifier":
        return cls(label_intents(load_topics()))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            name = self._labels.get(normalise_question(message.get(TEXT) or ""))
            if not name:
                continue
            put_first(message, name)
        return messages
