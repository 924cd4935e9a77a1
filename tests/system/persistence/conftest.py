"""The persistence tests run on the shared system stack and its SQLite file, as `make run`
keeps conversations (tests/integration runs the PostgreSQL side)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def live(system):
    return system
