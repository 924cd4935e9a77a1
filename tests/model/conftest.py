"""The model tier: the trained model loaded once, in-process, for every test of the tier
(held-out NLU, test stories, fallback thresholds). No server, no network."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Dict, List

import pytest
from rasa.core.agent import Agent
from rasa.nlu.classifiers.fallback_classifier import (
    is_fallback_classifier_prediction,
    undo_fallback_prediction,
)

from tests.conftest import heldout_examples


@dataclass
class Parsed:
    """One held-out question: the intent it was written for and what the model made of it."""

    expected: str
    text: str
    result: Dict[str, Any]

    @property
    def predicted(self) -> str:
        """The classifier's intent, as `rasa test nlu` scores it: before the fallback
        classifier turns an unsure one into nlu_fallback (test_fallback_thresholds.py
        checks that part)."""
        result = self.result
        if is_fallback_classifier_prediction(result):
            result = undo_fallback_prediction(result)
        return result["intent"]["name"]


@pytest.fixture(scope="session")
def agent(trained_model) -> Agent:
    return Agent.load(str(trained_model))


def run(coroutine):
    """The agent's async API from a plain test: a fresh event loop each time."""
    return asyncio.run(coroutine)


@pytest.fixture(scope="session")
def heldout_parses(agent) -> List[Parsed]:
    """Every held-out question parsed once, shared by the tests that score them."""

    async def parse_all() -> List[Parsed]:
        return [
            Parsed(intent, text, await agent.parse_message(text))
            for intent, questions in heldout_examples().items()
            for text in questions
        ]

    return run(parse_all())
