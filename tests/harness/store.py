"""What a tracker store holds, read with plain SQL, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any, Dict

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore


def count_events(store: Dict[str, Any], sender_id: str) -> int:
    """How many events of the conversation the database of these tracker_store fields holds."""
    url = SQLTrackerStore.get_db_url(store["dialect"], store.get("url"), store.get("port"),
                                     store["db"], store.get("username"), store.get("password"))
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                sa.text("SELECT count(*) FROM events WHERE sender_id = :sender"), {"sender": sender_id}
            ).scalar_one()
    finally:
        engine.dispose()
