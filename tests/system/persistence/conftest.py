"""A running assistant on its own SQLite file, and one on its own PostgreSQL database."""

from __future__ import annotations

import pytest

from tests.system.persistence.stack import Stack
from tests.system.privacy.pg import postgres  # noqa: F401  (the fixture)


@pytest.fixture(scope="session")
def sqlite_stack(trained_model, tmp_path_factory):
    folder = tmp_path_factory.mktemp("persistence-sqlite")
    # A folder that does not exist yet: the store must create it, as on a first `make run`.
    stack = Stack(folder, trained_model, {"db": str(folder / "not-yet" / "conversations.db")})
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def postgres_stack(trained_model, tmp_path_factory, postgres):  # noqa: F811
    folder = tmp_path_factory.mktemp("persistence-postgres")
    stack = Stack(folder, trained_model, postgres.store_settings(postgres.create_database("outage")))
    try:
        yield stack.start()
    finally:
        stack.stop()
