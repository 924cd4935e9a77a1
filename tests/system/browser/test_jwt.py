"""A site that requires a JWT on the socket: a second assistant (the `jwt_stack` fixture)
started with its own credentials file (CREDENTIALS) holding `jwt_key`, and a demo page
that hands out tokens (WEB_JWT_KEY)."""

import time

import jwt
import pytest
from playwright.sync_api import expect

from tests.harness.channel_client import ChannelClient, connected
from tests.system.browser.conftest import JWT_KEY
from tests.system.browser.widget import Widget


def token(key=JWT_KEY, lifetime_s=600):
    now = int(time.time())
    return jwt.encode({"sub": "test", "iat": now, "exp": now + lifetime_s}, key, algorithm="HS256")


def test_the_widget_sends_the_page_token_and_is_answered(jwt_stack, page):
    page.goto(jwt_stack.web_url)
    widget = Widget(page).open()
    widget.ask("what is masld")
    widget.wait_for_answer("what_is_fatty_liver")


@pytest.mark.parametrize(
    "bad_token",
    [None, "not-a-jwt", token(key="another-key-0123456789-0123456789-abcdef"), token(lifetime_s=-60)],
    ids=["none", "garbage", "wrong-key", "expired"],
)
def test_a_socket_without_a_valid_token_is_refused(jwt_stack, bad_token):
    refusal = ChannelClient(jwt_stack.web_url).refused(jwt_stack.rasa_url, token=bad_token)
    assert refusal == {"message": "Connection rejected by server"}


def test_a_socket_with_a_valid_token_is_answered(jwt_stack):
    with connected(jwt_stack.rasa_url, jwt_stack.web_url, token=token()) as client:
        client.say("hello")
        assert client.next_reply().get("text")


def test_a_page_without_a_token_says_it_was_refused(jwt_stack, page):
    page.route(f"{jwt_stack.web_url}/no-token", lambda route: route.fulfill(
        content_type="text/html",
        body='<!doctype html><html lang="en"><title>no token</title><main><h1>No token</h1></main>'
        f'<script src="/widget.js" data-server-url="{jwt_stack.rasa_url}"></script></html>',
    ))
    page.goto(f"{jwt_stack.web_url}/no-token")
    widget = Widget(page).open()
    expect(widget.status.get_by_role("alert")).to_contain_text("refused the connection", timeout=20_000)
    expect(widget.status.get_by_role("button", name="Retry")).to_be_hidden()
