"""The end-to-end tests talk to the shared system stack (tests/system/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def assistant(system):
    return system
