"""The live channel smoke tests use the shared system stack (tests/system/conftest.py): its
credentials fill the messaging entries with test secrets, each channel's api_base_url
pointing at the recorder."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def channel_server(system):
    return system
