"""Browser tests: Debian's headless Chromium, driven by Playwright, on the widget's demo
page, against the real Rasa and action servers (one start for the whole session)."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from tests.system.conftest import start_stack, stop
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
# Playwright's own browser download does not work here; these flags keep Debian's
# Chromium from reaching for the network on start. Pages the tests make up (page.route)
# have no address, so Chromium would take them for public sites and block their requests
# to 127.0.0.1 (Local Network Access); real sites and the assistant are not both local.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=LocalNetworkAccessChecks",
]
SOCKET_CHANNEL = "server.channels.socketio.CheckedSocketIOInput"
JWT_KEY = "browser-test-key-0123456789-0123456789-abcdef"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def stack(system):
    """The shared system stack (tests/system/conftest.py), its demo page included."""
    return system


@pytest.fixture(scope="session")
def jwt_stack(trained_model, tmp_path_factory):
    started = start_stack(tmp_path_factory.mktemp("jwt"), jwt_credentials(), WEB_JWT_KEY=JWT_KEY)
    try:
        yield started
    finally:
        stop(started)


def jwt_credentials() -> Dict[str, Any]:
    """credentials.yml with the socket channel requiring a JWT signed with JWT_KEY."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    credentials[SOCKET_CHANNEL] = {**credentials[SOCKET_CHANNEL], "jwt_key": JWT_KEY, "jwt_method": "HS256"}
    return credentials


# Package scope: Playwright's sync API keeps an asyncio loop running in this thread until
# it stops, and later tests in the same pytest run need to run loops of their own.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (empty storage) at desktop size."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
