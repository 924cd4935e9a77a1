"""The recorder standing in for the services' APIs: one server, a clean record per test."""

from __future__ import annotations

import pytest

from tests.harness.recorder import Recorder


@pytest.fixture(scope="session")
def recorder_server():
    server = Recorder().start()
    yield server
    server.stop()


@pytest.fixture
def recorder(recorder_server):
    recorder_server.forget()
    return recorder_server
