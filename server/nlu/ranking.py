"""Putting an intent first: the one way every component after the classifier overrides it.

A button label, a second question, another language and a follow-up each decide the
intent after the classifier has ranked them all; the chosen intent goes first and the
classifier's ranking follows it without a second copy of that intent, so did-you-mean
and the topic offers still see the classifier's other guesses.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def ranked_first(
    ranking: Optional[List[Dict[Text, Any]]], name: Text, confidence: float = 1.0, drop: tuple = ()
) -> List[Dict[Text, Any]]:
    """The ranking with `name` first at `confidence`, and without `drop` intents."""
    chosen = {"name": name, "confidence": confidence}
    rest = [item for item in ranking or [] if item.get("name") not in (name, *drop)]
    return [chosen] + rest


def put_first(message: Message, name: Text, confidence: float = 1.0, drop: tuple = ()) -> None:
    """Sets the message's intent to `name`, first in its ranking."""
    ranking = ranked_first(message.get(INTENT_RANKING_KEY), name, confidence, drop)
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def add_entity(message: Message, entity: Text, value: Text, extractor: Text, confidence: float = 1.0) -> None:
    """An entity found in the whole message (no span of its own)."""
    found = {
        "entity": entity,
        "value": value,
        "start": 0,
        "end": len(message.get(TEXT) or ""),
        "confidence_entity": confidence,
        "extractor": extractor,
    }
    message.set(ENTITIES, (message.get(ENTITIES) or []) + [found], add_to_output=True)
