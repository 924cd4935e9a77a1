"""NLU component: a message that is not English gets the intent `other_language`.

The reply (data/rules/skills.yml) says, in the message's language where the domain has
it (Spanish, Portuguese, French, Hindi, Chinese; English otherwise), that the assistant
answers in English for now, and offers the topic when the classifier still found one: the
classifier's ranking stays below `other_language`, with the language as the `language`
entity.

Detection: a script other than Latin (Devanagari, Chinese, ...) decides on its own. Latin
text needs langdetect (Apache-2.0; its language profiles ship in the package, nothing is
fetched) to be sure of one other language AND most of its words to be unknown to the
English training data: langdetect alone calls a third of the short English questions
("best diet for nafld") Danish or Welsh. Runs after the classifiers and before the
red-flag detector, which still wins.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from server.nlu.ranking import add_entity, put_first

logger = logging.getLogger(__name__)

OTHER_LANGUAGE = "other_language"
LANGUAGE_ENTITY = "language"
VOCABULARY_FILE = "english_words.json"
# Latin text: at least this many words, langdetect this sure, and at most this share of
# words known from the English training data (measured on the training and held-out
# questions: no English question is taken; every held-out foreign one is).
MIN_WORDS = 3
MIN_PROBABILITY = 0.90
MAX_KNOWN_SHARE = 0.5
# A script decides alone when most letters are in it.
SCRIPT_LANGUAGES = {
    "DEVANAGARI": "hi",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "GREEK": "el",
    "HEBREW": "he",
    "THAI": "th",
    "BENGALI": "bn",
    "TAMIL": "ta",
}
_WORD = re.compile(r"[^\W\d_]+")


def words(text: Text) -> List[Text]:
    return [word.lower() for word in _WORD.findall(text or "")]


def script_of(char: Text) -> Text:
    """The script's word in the character's Unicode name ("LATIN", "CJK", ...)."""
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else ""


def script_language(text: Text) -> Optional[Text]:
    """The language of a non-Latin script that most of the letters are in, if any."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    counts: Dict[Text, int] = {}
    for char in letters:
        counts[script_of(char)] = counts.get(script_of(char), 0) + 1
    script, count = max(counts.items(), key=lambda item: item[1])
    if script == "LATIN" or count * 2 < len(letters):
        return None
    # Japanese text mixes kana with Chinese characters: kana at all means Japanese.
    if script == "CJK" and (counts.get("HIRAGANA") or counts.get("KATAKANA")):
        return "ja"
    return SCRIPT_LANGUAGES.get(script, "other")


def _langdetect(text: Text) -> Optional[Any]:
    from langdetect import DetectorFactory, detect_langs  # imported once the model loads
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # the same answer every time for the same text
    try:
        return detect_langs(text)[0]
    except LangDetectException:
        return None


def detect_language(text: Text, english_words: FrozenSet[Text]) -> Optional[Text]:
    """The message's language code when it is not English, else None."""
    by_script = script_language(text)
    if by_script:
        return by_script
    found = words(text)
    if len(found) < MIN_WORDS or not english_words:  # no vocabulary, no guard: scripts only
        return None
    known = sum(word in english_words for word in found) / len(found)
    if known > MAX_KNOWN_SHARE:
        return None
    best = _langdetect(text)
    if best is None or best.lang == "en" or best.prob < MIN_PROBABILITY:
        return None
    return best.lang.split("-")[0]


def vocabulary(texts: Iterable[Text]) -> FrozenSet[Text]:
    return frozenset(word for text in texts for word in words(text))


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class OtherLanguageDetector(GraphComponent):
    """Sets `other_language` and the `language` entity on a message that is not English."""

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, english_words: FrozenSet[Text] = frozenset()
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._english_words = english_words

    @staticmethod
    def required_packages() -> List[Text]:
        return ["langdetect"]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "OtherLanguageDetector":
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        # The training questions are English: their words are what English looks like here.
        self._english_words = vocabulary(example.get(TEXT) or "" for example in training_data.training_examples)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self._english_words)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "OtherLanguageDetector":
        try:
            with model_storage.read_from(resource) as directory:
                known = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.debug("No English vocabulary stored; only non-Latin scripts are detected.")
            known = []
        return cls(model_storage, resource, frozenset(known))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            language = detect_language(message.get(TEXT) or "", self._english_words)
            if not language:
                continue
            put_first(message, OTHER_LANGUAGE)
            add_entity(message, LANGUAGE_ENTITY, language, type(self).__name__)
        return messages
