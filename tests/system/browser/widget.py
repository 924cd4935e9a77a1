"""The chat widget as a person sees it on the demo page: what the tests click and read."""

from __future__ import annotations

from typing import List

import yaml
from playwright.sync_api import Locator, Page, expect

from actions.topic_library import all_topics
from server.channels.formatting import LINK
from tests.conftest import ROOT

REPLY_TIMEOUT_MS = 60_000
OPENING_NOTICE = "This is general education, not medical advice."
FULL_DISCLAIMER = "Consult a qualified healthcare provider"
# The disclaimer line every health answer ends with (domain.yml).
REMINDER = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"][
    "utter_disclaimer_line"
][0]["text"]
STORAGE_KEY_PREFIX = "liver-insight-chat:"
# What the assistant says once it deleted a conversation (domain.yml).
DELETED = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"][
    "utter_conversation_deleted"][0]["text"]


class Widget:
    def __init__(self, page: Page):
        self.page = page
        self.launcher = page.get_by_role("button", name="Chat with Liver Insight")
        self.panel = page.get_by_role("dialog", name="Liver Insight")
        self.log = page.get_by_role("log")
        self.input = page.get_by_label("Your message")
        self.clear = page.get_by_role("button", name="Clear conversation")
        self.confirm = page.get_by_role("group", name="Delete this whole conversation")
        self.delete = page.get_by_role("button", name="Delete", exact=True)
        self.keep = page.get_by_role("button", name="Keep", exact=True)
        self.typing = page.locator(".li-typing")
        self.status = page.locator(".li-status")

    def open(self) -> "Widget":
        self.launcher.click()
        expect(self.panel).to_be_visible()
        return self

    def ask(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def messages(self) -> Locator:
        return self.log.locator(".li-message")

    def user_messages(self) -> List[str]:
        return self.log.locator(".li-user .li-text").all_inner_texts()

    def bot_messages(self) -> List[str]:
        return self.log.locator(".li-bot .li-text").all_inner_texts()

    def wait_for_bot_text(self, text: str) -> None:
        expect(self.log.locator(".li-bot", has_text=text).last).to_be_visible(timeout=REPLY_TIMEOUT_MS)

    def wait_for_answer(self, topic_id: str) -> None:
        """The topic's first paragraph, its sources, and the closing reminder."""
        topic = all_topics()[topic_id]
        self.wait_for_bot_text(topic.answer.split("\n\n")[0].strip())
        # The widget shows each source link by its name.
        self.wait_for_bot_text(LINK.sub(r"\1", topic.sources_line))
        expect(self.log.locator(".li-bot").last).to_contain_text(REMINDER, timeout=REPLY_TIMEOUT_MS)
        expect(self.typing).to_be_hidden(timeout=10_000)

    def conversation(self) -> str:
        """The tracker store's key of the widget's session: socketio:<nonce>."""
        return "socketio:" + self.session_id().split(".")[0]

    def session_id(self) -> str:
        return self.page.evaluate(
            """prefix => {
                const key = Object.keys(sessionStorage).find(k => k.startsWith(prefix));
                return key ? JSON.parse(sessionStorage.getItem(key)).sessionId : null;
            }""",
            STORAGE_KEY_PREFIX,
        )
