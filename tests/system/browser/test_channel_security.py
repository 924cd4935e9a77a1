"""Web security of the running channels: the CORS allow-list, message size and shape."""

import requests
from playwright.sync_api import expect

from server.channels.socketio import REPLIES
from server.nlu.message_guard import MAX_MESSAGE_CHARS
from tests.harness.channel_client import ChannelClient, connected
from tests.system.browser.widget import Widget

OTHER_SITE = "https://other-site.example"


def test_a_page_from_a_site_not_allowed_cannot_open_a_socket(stack):
    refusal = ChannelClient(OTHER_SITE).refused(stack.rasa_url)
    assert refusal == {"message": "This site is not allowed to use the assistant."}


def test_the_widget_on_a_site_not_allowed_says_it_was_refused(stack, page):
    # A made-up page on another origin (the Rasa server's own host:port is not in the list).
    other_site = f"{stack.rasa_url}/some-page"
    page.route(other_site, lambda route: route.fulfill(
        content_type="text/html",
        body='<!doctype html><html lang="en"><title>elsewhere</title><main><h1>Elsewhere</h1></main>'
        f'<script src="{stack.web_url}/widget.js" data-server-url="{stack.rasa_url}"></script></html>',
    ))
    page.goto(other_site)
    widget = Widget(page).open()
    expect(widget.status.get_by_role("alert")).to_contain_text("refused the connection", timeout=20_000)
    expect(widget.status.get_by_role("button", name="Retry")).to_be_hidden()


def test_the_demo_page_origin_is_allowed_and_answered(stack):
    with connected(stack.rasa_url, stack.web_url) as client:
        client.say("hello")
        assert client.next_reply().get("text")


def test_rest_cors_answers_only_the_allowed_origin(stack):
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST"}
    allowed = requests.options(url, headers={"Origin": stack.web_url, **preflight}, timeout=30)
    assert allowed.headers.get("Access-Control-Allow-Origin") == stack.web_url
    other = requests.options(url, headers={"Origin": OTHER_SITE, **preflight}, timeout=30)
    assert "Access-Control-Allow-Origin" not in other.headers
    # Socket.IO's polling transport carries exactly one allow-origin header (browsers refuse two).
    polling = requests.get(
        f"{stack.rasa_url}/socket.io/", params={"EIO": "4", "transport": "polling"},
        headers={"Origin": stack.web_url}, timeout=30,
    )
    assert polling.status_code == 200
    assert polling.raw.headers.getlist("Access-Control-Allow-Origin") == [stack.web_url]


def test_oversize_and_malformed_messages_get_a_clear_reply_and_the_channel_goes_on(stack):
    with connected(stack.rasa_url, stack.web_url) as client:
        client.say("x" * (MAX_MESSAGE_CHARS + 1))
        assert client.next_reply() == {"text": REPLIES["too_long"]}
        client.send("just a string")
        assert client.next_reply() == {"text": REPLIES["not_text"]}
        client.send({"message": {"nested": True}, "session_id": client.session_id})
        assert client.next_reply() == {"text": REPLIES["not_text"]}
        client.send({"message": "hello", "session_id": client.session_id, "metadata": "{oops"})
        assert client.next_reply() == {"text": REPLIES["bad_metadata"]}
        client.say("x" * MAX_MESSAGE_CHARS)  # exactly at the limit: read as usual
        assert client.next_reply().get("text") not in REPLIES.values()


def test_oversize_messages_never_reach_the_conversation(stack):
    with connected(stack.rasa_url, stack.web_url) as client:
        client.say("y" * 5000)
        assert client.next_reply() == {"text": REPLIES["too_long"]}
        assert stack.user_texts(client.conversation) == []


def test_another_session_or_channel_is_refused_with_an_error_event(stack):
    with connected(stack.rasa_url, stack.web_url) as owner, \
            connected(stack.rasa_url, stack.web_url) as intruder:
        owner.say("hello")
        assert owner.next_reply().get("text")
        intruder.send({"message": "/confirm_forget_me", "session_id": owner.session_id})
        assert intruder.errors.get(timeout=15)["error"] == "not_your_session"
        intruder.send({"message": "/confirm_forget_me", "session_id": "whatsapp:+15551230003"})
        assert intruder.errors.get(timeout=15)["error"] == "other_channel"
        assert stack.user_texts(owner.conversation) == ["hello"]
