"""Training data importer that adds the topic files under content/ to Rasa's own files.

Listed in config.yml under `importers`, so `rasa train`, `rasa data validate` and
`rasa interactive` read it with no flags. Each topic file becomes, at train time:
an intent named by the topic id with the file's questions as examples, and a rule
that answers that intent with `action_answer_topic`. Nothing generated is written to disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Text, Union

from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.common import cached_method

from addons.content import CONTENT_DIR, Topic, load_topics

ANSWER_ACTION = "action_answer_topic"


class ContentImporter(RasaFileImporter):
    """Rasa's file importer plus one intent and one rule per topic file."""

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
        topic_domain = Domain.from_dict(
            {"intents": list(self.topics())}
        )
        return super().get_domain().merge(topic_domain)

    @cached_method
    def get_nlu_data(self, language: Optional[Text] = "en") -> TrainingData:
        examples = [
            Message.build(text=question, intent=topic.id)
            for topic in self.topics().values()
            for question in topic.questions
        ]
        return super().get_nlu_data(language).merge(TrainingData(training_examples=examples))

    @cached_method
    def get_stories(self, exclusion_percentage: Optional[int] = None) -> StoryGraph:
        reader = YAMLStoryReader(self.get_domain())
        rules = reader.read_from_string(_topic_rules_yaml(self.topics()))
        return super().get_stories(exclusion_percentage).merge(StoryGraph(rules))


def _topic_rules_yaml(topics: Dict[str, Topic]) -> str:
    lines = ['version: "3.1"', "rules:"]
    for topic_id in topics:
        lines += [
            f"- rule: answer the topic {topic_id}",
            "  steps:",
            f"  - intent: {topic_id}",
            f"  - action: {ANSWER_ACTION}",
        ]
    return "\n".join(lines) + "\n"
