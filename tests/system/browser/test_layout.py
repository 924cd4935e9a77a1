"""Keyboard use, reduced motion, the phone layout, connection problems, and the screenshots
the README shows (docs/widget-desktop.png, docs/widget-phone.png)."""

from playwright.sync_api import expect

from actions.topic_library import all_topics
from tests.system.browser.conftest import DESKTOP, PHONE
from tests.system.browser.widget import Widget
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def test_everything_works_from_the_keyboard(stack, page):
    page.goto(stack.web_url)
    widget = Widget(page)
    expect(widget.launcher).to_be_visible()
    page.keyboard.press("Tab")
    expect(widget.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()
    page.keyboard.type("what is masld")
    page.keyboard.press("Enter")
    widget.wait_for_answer("what_is_fatty_liver")

    # Shift+Tab from the input walks back through the log to the suggested topics.
    strategy = all_topics()[all_topics()["what_is_fatty_liver"].related[0]]
    button = widget.log.get_by_role("button", name=strategy.title)
    for _ in range(10):
        if button.evaluate("b => b.getRootNode().activeElement === b"):
            break
        page.keyboard.press("Shift+Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_be_disabled()
    widget.wait_for_answer(strategy.id)

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")


def test_reduced_motion_turns_animations_off(stack, browser):
    for motion, expected in (("reduce", "none"), ("no-preference", "li-rise")):
        context = browser.new_context(viewport=DESKTOP, reduced_motion=motion)
        page = context.new_page()
        page.goto(stack.web_url)
        panel = Widget(page).open().panel
        assert panel.evaluate("p => getComputedStyle(p).animationName") == expected
        context.close()


def test_screenshots_at_desktop_and_phone_sizes(stack, browser):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        page = context.new_page()
        page.goto(stack.web_url)
        widget = Widget(page).open()
        widget.ask("what is masld")
        widget.wait_for_answer("what_is_fatty_liver")
        box = widget.panel.bounding_box()
        if viewport is PHONE:
            # Below 600 px the panel fills the screen and the launcher steps aside.
            assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, PHONE["width"], PHONE["height"])
            expect(widget.launcher).to_be_hidden()
        else:
            assert box["width"] < DESKTOP["width"] / 2
        # Desktop: the question and the start of the answer; phone: the strategies and the reminder.
        if viewport is DESKTOP:
            # (scrollIntoView would scroll the fixed panel too, hiding its header)
            widget.log.locator(".li-user").last.evaluate(
                "node => { node.parentElement.scrollTop = node.offsetTop - node.parentElement.offsetTop - 12; }"
            )
        else:
            widget.log.evaluate("log => { log.scrollTop = log.scrollHeight; }")
        path = DOCS / f"widget-{name}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        context.close()


def test_an_unreachable_server_gets_a_clear_message_and_retry(stack, page):
    # The demo page and widget from the real web server, pointed at a port nobody serves.
    page.route(f"{stack.web_url}/offline", lambda route: route.fulfill(
        content_type="text/html",
        body='<!doctype html><html lang="en"><title>offline</title><main><h1>Offline</h1></main>'
        '<script src="/widget.js" data-server-url="http://127.0.0.1:9" data-reply-timeout-ms="3000"></script></html>',
    ))
    page.goto(f"{stack.web_url}/offline")
    widget = Widget(page).open()
    widget.ask("what is masld")
    expect(widget.status).to_be_visible(timeout=20_000)
    expect(widget.status.get_by_role("alert")).to_contain_text("Can't reach the assistant")
    retry = widget.status.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    retry.click()
    # Still unreachable: the message comes back rather than a silent failure.
    expect(widget.status.get_by_role("alert")).to_contain_text("Can't reach the assistant", timeout=20_000)
    assert widget.user_messages() == ["what is masld"]
