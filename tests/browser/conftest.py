"""Browser tests: Debian's headless Chromium, driven by Playwright, on the widget's demo
page, against the real Rasa and action servers (one start for the whole session)."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.stack import Stack, running_stack

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
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def stack(trained_model, tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("browser")) as running:
        yield running


@pytest.fixture(scope="session")
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
