"""Reads the conversations of a date range from the tracker store the servers use.

The store is built from the endpoints file by Rasa's own factory, as the Rasa server builds
it (server.store.conversation_store.ConversationStore, or Rasa's SQL store), and each
conversation is loaded whole with its `retrieve_full_tracker`, which decodes the rows as
the server does. Only conversations with a user message in the range are loaded; earlier
events come along because they tell which topic a later vote is for.

Deleted conversations are absent: "forget me" (server/store/forget.py) and `make purge`
(tools/purge.py) delete their rows, and a conversation deleted while the report is being
built is skipped (it loads as nothing).
"""

from __future__ import annotations

from typing import AsyncIterator, Iterable, List

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.utils.endpoints import EndpointConfig

from server.store.rasa_wrappers import unwrap


def open_store(config: EndpointConfig, domain: Domain) -> SQLTrackerStore:
    return unwrap(TrackerStore.create(config, domain))


def conversations_in_range(store: SQLTrackerStore, start: float, end: float) -> List[str]:
    """The ids of the conversations with a user message from `start` until before `end`."""
    event = store.SQLEvent
    with store.session_scope() as session:
        rows = (
            session.query(event.sender_id)
            .filter(event.type_name == UserUttered.type_name, event.timestamp >= start, event.timestamp < end)
            .distinct()
            .order_by(event.sender_id)
            .all()
        )
    return [sender_id for (sender_id,) in rows]


async def conversations(store: SQLTrackerStore, sender_ids: Iterable[str]) -> AsyncIterator[List[Event]]:
    """Every event of each conversation, one conversation at a time."""
    for sender_id in sender_ids:
        tracker = await store.retrieve_full_tracker(sender_id)
        if tracker is not None:
            yield list(tracker.events)


def close(store: SQLTrackerStore) -> None:
    engine: sa.engine.Engine = store.engine
    engine.dispose()
