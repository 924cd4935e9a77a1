"""NLU component: a red-flag symptom makes the message urgent, whatever else it says.

It runs last in the pipeline, after the classifiers, so it overrides any topic, fallback
or blank-message decision. Patterns are read from safety/red_flags.yml when the server
starts (not stored in the model), so the safety team can change them with a restart.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from server.nlu.red_flags import RedFlagMatcher
from server.nlu.urgent import URGENT_INTENTS, urgent_intent

RED_FLAG_ENTITY = "red_flag"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class RedFlagDetector(GraphComponent):
    def __init__(self, matcher: RedFlagMatcher) -> None:
        self._matcher = matcher

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RedFlagDetector":
        return cls(RedFlagMatcher.from_file())

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = self._matcher.find_spans(message.get(TEXT) or "")
            if not found:
                continue
            entities = [
                {
                    "entity": RED_FLAG_ENTITY,
                    "value": flag.symptom,
                    "start": start,
                    "end": end,
                    "confidence_entity": 1.0,
                    "extractor": type(self).__name__,
                }
                for flag, _, start, end in found
            ]
            flags = [flag for flag, _, _, _ in found]
            name = urgent_intent(
                (flag.symptom for flag in flags), (flag.symptom for flag in flags if flag.crisis)
            )
            urgent = {"name": name, "confidence": 1.0}
            ranking = [urgent] + [
                item
                for item in message.get(INTENT_RANKING_KEY) or []
                if item.get("name") not in URGENT_INTENTS
            ]
            message.set(INTENT, urgent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set(ENTITIES, (message.get(ENTITIES) or []) + entities, add_to_output=True)
        return messages
