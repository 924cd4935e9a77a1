"""Intent classifier: TF-IDF character and word n-grams, and a linear SVM.

Why not DIET: on the 46-topic held-out set this trains in under a second instead of
about 7 minutes and is more accurate (README.md, "Benchmarks"; docs/nlu.md). Questions
here are short and keyed on a few words and their misspellings, which is what
character n-grams with a linear model are good at.

The component reads the text itself (it needs no Rasa featurizer). Confidences are a
softmax over the SVM's decision values times `confidence_scale`, so the
FallbackClassifier thresholds after it keep their meaning: a message that looks like no
training question gets low, flat scores and a "did you mean".

The trained model is stored as JSON and a NumPy archive, never as a pickle.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    METADATA,
    METADATA_EXAMPLE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

logger = logging.getLogger(__name__)

MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
# Example metadata that marks a question built from a template (server/training/importer.py).
GENERATED = "generated"
# Words as \w+ runs, so "a" and "i" count ("am i at risk").
WORD_PATTERN = r"(?u)\b\w+\b"


def _vectorizers(config: Dict[Text, Any], vocabularies: Optional[List[Dict]] = None):
    """Character n-grams within words (robust to misspellings), then whole words."""
    char_vocabulary, word_vocabulary = vocabularies or (None, None)
    return [
        TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(config["char_ngram_range"]),
            sublinear_tf=True,
            vocabulary=char_vocabulary,
        ),
        TfidfVectorizer(
            analyzer="word",
            ngram_range=tuple(config["word_ngram_range"]),
            sublinear_tf=True,
            token_pattern=WORD_PATTERN,
            vocabulary=word_vocabulary,
        ),
    ]


def is_generated(example: Message) -> bool:
    return bool(((example.get(METADATA) or {}).get(METADATA_EXAMPLE) or {}).get(GENERATED))


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Ranks intents with a linear SVM over TF-IDF character and word n-grams."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "char_ngram_range": [1, 5],
            "word_ngram_range": [1, 1],
            # The SVM's regularisation and the weight of template-built questions against
            # the ones editors wrote: measured on the held-out and FAQ-style sets
            # (docs/nlu.md). Lighter templates keep "what is X" from outweighing them.
            "C": 0.5,
            "generated_weight": 0.3,
            # Decision values are about -1..1; times 8 the softmax separates a clear
            # winner (about 0.9) from a near tie (about 0.4), like DIET did.
            "confidence_scale": 8.0,
            "ranking_length": LABEL_RANKING_LENGTH,
            "random_seed": 42,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vectorizers: Optional[List[TfidfVectorizer]] = None,
        classes: Optional[List[Text]] = None,
        weights: Optional[np.ndarray] = None,
        intercepts: Optional[np.ndarray] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._vectorizers = vectorizers
        self._classes = classes or []
        self._weights = weights
        self._intercepts = intercepts

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def _features(self, texts: List[Text]):
        return hstack([vectorizer.transform(texts) for vectorizer in self._vectorizers]).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        labels = sorted({e.get(INTENT) for e in examples})
        if len(labels) < 2:
            logger.debug("Fewer than two intents to learn: the classifier stays empty.")
            return self._resource
        texts = [e.get(TEXT) for e in examples]
        self._vectorizers = _vectorizers(self._config)
        features = hstack([v.fit_transform(texts) for v in self._vectorizers]).tocsr()
        weights = [
            self._config["generated_weight"] if is_generated(e) else 1.0 for e in examples
        ]
        svm = LinearSVC(C=self._config["C"], random_state=self._config["random_seed"])
        svm.fit(features, [e.get(INTENT) for e in examples], sample_weight=weights)
        self._classes = [str(label) for label in svm.classes_]
        self._weights = svm.coef_.astype(np.float32)
        self._intercepts = svm.intercept_.astype(np.float32)
        self.persist()
        return self._resource

    def ranking(self, texts: List[Text]) -> List[List[Dict[Text, Any]]]:
        """Each text's intents with confidences, best first, cut to `ranking_length`."""
        if not self._classes:
            return [[] for _ in texts]
        scores = self._features(texts) @ self._weights.T + self._intercepts
        confidences = softmax(np.asarray(scores) * self._config["confidence_scale"])
        length = self._config["ranking_length"] or len(self._classes)
        rankings = []
        for row in confidences:
            best = np.argsort(-row, kind="stable")[:length]
            rankings.append(
                [{"name": self._classes[i], "confidence": float(row[i])} for i in best]
            )
        return rankings

    def process(self, messages: List[Message]) -> List[Message]:
        texts = [message.get(TEXT) or "" for message in messages]
        for message, ranking in zip(messages, self.ranking(texts)):
            if not ranking:
                continue
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            model = {
                "classes": self._classes,
                "vocabularies": [
                    {term: int(index) for term, index in v.vocabulary_.items()}
                    for v in self._vectorizers
                ],
            }
            (directory / MODEL_FILE).write_text(json.dumps(model), encoding="utf-8")
            np.savez(
                directory / WEIGHTS_FILE,
                weights=self._weights,
                intercepts=self._intercepts,
                **{f"idf_{i}": v.idf_ for i, v in enumerate(self._vectorizers)},
            )

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        full_config = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as directory:
                model = json.loads((directory / MODEL_FILE).read_text(encoding="utf-8"))
                with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
                    vectorizers = _vectorizers(full_config, model["vocabularies"])
                    for i, vectorizer in enumerate(vectorizers):
                        vectorizer.idf_ = arrays[f"idf_{i}"]
                    return cls(
                        full_config,
                        model_storage,
                        resource,
                        vectorizers,
                        model["classes"],
                        arrays["weights"],
                        arrays["intercepts"],
                    )
        except (ValueError, FileNotFoundError):
            # Trained on fewer than two intents: nothing was stored.
            logger.debug("No trained intent classifier stored; it will rank nothing.")
            return cls.create(full_config, model_storage, resource, execution_context)
