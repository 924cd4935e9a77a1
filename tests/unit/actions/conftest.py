"""Real rasa_sdk trackers and dispatchers for offline action tests."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.conftest import ROOT


def tracker_after(
    intent: Optional[str],
    text: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
) -> Tracker:
    """A tracker whose latest event is the user saying `text`, classified as `intent`."""
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.98},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": 0.98}],
    }
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest_message},
    ]
    return Tracker(
        sender_id="offline-test",
        slots=slots or {"topic": None},
        latest_message=latest_message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
