"""The privacy tests run end to end on the shared system stack (its own SQLite file)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def privacy_stack(system):
    return system
