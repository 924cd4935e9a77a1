"""A conversation in the widget, in headless Chromium, against the real servers."""

from playwright.sync_api import expect

from actions.topic_library import all_topics
from tests.system.browser.widget import DELETED, FULL_DISCLAIMER, OPENING_NOTICE, REMINDER, Widget

TOPIC = "what_is_fatty_liver"
QUESTION = "what is masld"
STRATEGY = "what_is_nash"  # the first related topic of TOPIC, offered as a button


def wait_until(condition, page, timeout_s=15):
    for _ in range(int(timeout_s * 2)):
        if condition():
            return
        page.wait_for_timeout(500)
    assert condition()


def test_the_question_in_the_topic_file_and_the_button_are_what_the_tests_expect():
    topic = all_topics()[TOPIC]
    assert QUESTION in topic.questions
    assert topic.related[0] == STRATEGY


def test_a_question_gets_its_answer_sources_and_disclaimers(stack, page):
    page.goto(stack.web_url)
    widget = Widget(page).open()
    expect(widget.messages().first).to_contain_text(OPENING_NOTICE)
    widget.ask(QUESTION)
    expect(widget.log.locator(".li-user").last).to_have_text(f"You said: {QUESTION}")
    widget.wait_for_answer(TOPIC)
    said = widget.bot_messages()
    assert any(FULL_DISCLAIMER in text for text in said), "the session's full disclaimer"
    assert said[-1] == REMINDER


def test_a_suggested_strategy_is_a_real_button_used_once(stack, page):
    page.goto(stack.web_url)
    widget = Widget(page).open()
    widget.ask(QUESTION)
    widget.wait_for_answer(TOPIC)
    strategy = all_topics()[STRATEGY]
    button = widget.log.get_by_role("button", name=strategy.title)
    groups = widget.log.get_by_role("group", name="Suggested replies")
    # Pinned by position before the click: `.last` would move to the next answer's group.
    group = groups.nth(groups.count() - 1)
    button.click()
    expect(button).to_be_disabled()
    for choice in group.get_by_role("button").all():
        expect(choice).to_be_disabled()
    expect(widget.log.locator(".li-user").last).to_have_text(f"You said: {strategy.title}")
    widget.wait_for_answer(STRATEGY)
    expect(widget.input).to_be_focused()


def test_history_survives_a_reload_and_clearing_forgets_it(stack, page):
    page.goto(stack.web_url)
    widget = Widget(page).open()
    widget.ask(QUESTION)
    widget.wait_for_answer(TOPIC)
    widget.log.get_by_role("button", name=all_topics()[STRATEGY].title).click()
    widget.wait_for_answer(STRATEGY)
    before = widget.messages().all_inner_texts()
    old_session, old_conversation = widget.session_id(), widget.conversation()
    assert stack.user_texts(old_conversation) == [QUESTION, f"/{STRATEGY}"]

    page.reload()
    widget = Widget(page).open()
    expect(widget.messages()).to_have_count(len(before))
    assert widget.messages().all_inner_texts() == before
    expect(widget.log.get_by_role("button", name=all_topics()[STRATEGY].title)).to_be_disabled()
    assert widget.session_id() == old_session

    # The confirm step: Keep (here with Escape) deletes nothing.
    widget.clear.click()
    expect(widget.confirm).to_be_visible()
    expect(widget.keep).to_be_focused()
    page.keyboard.press("Escape")
    expect(widget.confirm).to_be_hidden()
    expect(widget.clear).to_be_focused()
    expect(widget.panel).to_be_visible()
    assert widget.messages().all_inner_texts() == before

    widget.clear.click()
    widget.delete.click()
    # The server's confirmation, in a new conversation that shows only it and the notice.
    widget.wait_for_bot_text(DELETED)
    expect(widget.messages()).to_have_count(2)
    expect(widget.messages().first).to_contain_text(OPENING_NOTICE)
    wait_until(lambda: widget.session_id() not in (None, old_session), page)
    assert stack.user_texts(old_conversation) == [], "deleted on the server"
    # What comes next belongs to the new session only, and is all the log shows.
    widget.ask(QUESTION)
    widget.wait_for_answer(TOPIC)
    assert stack.user_texts(widget.conversation()) == [QUESTION]
    page.reload()
    widget = Widget(page).open()
    assert widget.user_messages() == [QUESTION]


def test_a_clear_that_gets_no_confirmation_keeps_the_history(stack, page):
    # The page waits 3 s for the answer; the request never reaches the server.
    page.route(f"{stack.web_url}/short-timeout", lambda route: route.fulfill(
        content_type="text/html",
        body='<!doctype html><html lang="en"><title>chat</title><main><h1>Chat</h1></main>'
        f'<script src="/widget.js" data-server-url="{stack.rasa_url}" data-reply-timeout-ms="3000"></script></html>',
    ))

    def drop_forget_requests(ws):
        server = ws.connect_to_server()
        ws.on_message(lambda message: None if "/confirm_forget_me" in str(message) else server.send(message))

    page.route_web_socket("**/socket.io/**", drop_forget_requests)
    page.goto(f"{stack.web_url}/short-timeout")
    widget = Widget(page).open()
    widget.ask(QUESTION)
    widget.wait_for_answer(TOPIC)
    before = widget.messages().all_inner_texts()
    session = widget.session_id()

    widget.clear.click()
    widget.delete.click()
    expect(widget.status.get_by_role("alert")).to_contain_text("could not be deleted", timeout=20_000)
    assert widget.messages().all_inner_texts() == before
    assert widget.session_id() == session
    assert stack.user_texts(widget.conversation()) == [QUESTION]


def test_markup_from_the_user_is_shown_as_text_and_never_run(stack, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    attack = "<img src=x onerror=alert(1)>"
    page.goto(stack.web_url)
    widget = Widget(page).open()
    widget.ask(attack)
    expect(widget.log.locator(".li-user .li-text").last).to_have_text(attack)
    # The assistant answers (it reads the text as text too), and nothing ran meanwhile.
    expect(widget.messages()).not_to_have_count(2, timeout=60_000)
    expect(widget.typing).to_be_hidden(timeout=60_000)
    assert widget.log.locator("img").count() == 0
    assert dialogs == []


def test_the_input_is_capped_at_1000_characters(stack, page):
    page.goto(stack.web_url)
    widget = Widget(page).open()
    assert widget.input.get_attribute("maxlength") == "1000"
    widget.input.focus()
    page.keyboard.insert_text("a" * 1200)
    assert len(widget.input.input_value()) == 1000
