"""How the Rasa server knows a user asked to be forgotten.

The action server cannot delete the conversation itself: Rasa holds the whole tracker in
memory during the turn and saves it at the end, which would write every event back. So
`action_forget_me` (actions/forget_me.py) only confirms, and the Rasa server does the rest:

1. as soon as the action returns its confirmation, and before the confirmation is sent,
   server/patches/action_failure.py deletes the conversation (`delete_conversation`); if that
   fails (database down), the user gets the service-unavailable apology instead, never a
   false confirmation;
2. at the end of the turn, the tracker store skips saving a turn that ran the action and
   confirmed (`forget_requested`), so nothing is written back. The next message starts
   a new conversation.
Turns Rasa kept in memory while the database was down (FailSafeTrackerStore's fallback)
are dropped as well (`forget_in_memory`).
"""

from __future__ import annotations

import logging
from typing import Any, List, Text

from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from common.names import FORGET_ACTION, FORGET_CONFIRMATION as CONFIRMATION  # noqa: F401
from server.store.rasa_wrappers import unwrap

logger = logging.getLogger(__name__)


def forget_requested(tracker: DialogueStateTracker) -> bool:
    """True when the latest turn ran action_forget_me and it sent its confirmation."""
    confirmed = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") == CONFIRMATION:
            confirmed = True
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return confirmed
    return False


def confirmed(events: List[Event]) -> bool:
    """True when the events of action_forget_me include its confirmation."""
    return any(
        isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") == CONFIRMATION
        for event in events
    )


def forget_in_memory(tracker_store: Any, sender_id: Text) -> None:
    """Drops the conversation from the in-memory stores Rasa falls back to.

    While the database is down, Rasa's FailSafeTrackerStore keeps the turns it cannot save
    in an InMemoryTrackerStore, for as long as the server runs: "forget me" clears them too.
    Rasa keeps both in private attributes (server/patches/private_api.py checks them).
    """
    store = tracker_store
    while store is not None:
        fallback = getattr(store, "_fallback_tracker_store", None)
        for candidate in (store, fallback):
            held = getattr(candidate, "store", None)
            if isinstance(held, dict):
                held.pop(sender_id, None)
        store = getattr(store, "_tracker_store", None)


def delete_conversation(tracker_store: Any, sender_id: Text) -> int:
    """Deletes the conversation from the store Rasa wraps (FailSafeTrackerStore) and from
    the memory it falls back to, and says how many stored events went. Raises if the store
    cannot delete (not an SQL store, or down); what was in memory is gone even then."""
    forget_in_memory(tracker_store, sender_id)
    store = unwrap(tracker_store)
    if not hasattr(store, "delete_conversation"):
        raise TypeError(f"the tracker store {type(store).__name__} cannot delete a conversation")
    deleted = store.delete_conversation(sender_id)
    # A count only: the conversation id and its text stay out of the logs.
    logger.info(f"Deleted a conversation at the user's request ({deleted} events).")
    return deleted
