"""Each privacy test runs on SQLite and on PostgreSQL, against real databases."""

from __future__ import annotations

import uuid
from typing import Any, Callable, Dict

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from tests.system.persistence.stack import Stack
from tests.system.privacy.pg import postgres  # noqa: F401  (the fixture)

StoreSettings = Dict[str, Any]


def count_events(store: StoreSettings, sender_id: str) -> int:
    """How many events of the conversation are in the database, read with plain SQL."""
    url = SQLTrackerStore.get_db_url(
        store["dialect"], store.get("url"), store.get("port"), store["db"], store.get("username")
    )
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                sa.text("SELECT count(*) FROM events WHERE sender_id = :sender"), {"sender": sender_id}
            ).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def dialect(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def new_database(dialect, postgres, tmp_path_factory) -> Callable[[], StoreSettings]:  # noqa: F811
    """Makes an empty database of the dialect under test; returns its tracker_store fields."""

    def make() -> StoreSettings:
        if dialect == "sqlite":
            folder = tmp_path_factory.mktemp("privacy-sqlite")
            return {"dialect": "sqlite", "db": str(folder / "conversations.db")}
        return postgres.store_settings(postgres.create_database(f"privacy_{uuid.uuid4().hex[:8]}"))

    return make


@pytest.fixture(scope="session")
def privacy_stack(dialect, new_database, trained_model, tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp(f"privacy-{dialect}"), trained_model, new_database())
    try:
        yield stack.start()
    finally:
        stack.stop()
