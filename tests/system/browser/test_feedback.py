""""Was this helpful?" in the widget: two thumbs, named for screen readers; a click sends
the vote, which the conversation stores with the topic of the answer."""

import yaml
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.system.browser.test_conversation import QUESTION, TOPIC
from tests.system.browser.widget import Widget

RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
THANKS = RESPONSES["utter_thanks_for_vote"][0]["text"]


def test_clicking_a_thumb_sends_the_vote_with_the_topic(stack, page):
    page.goto(stack.web_url)
    widget = Widget(page).open()
    widget.ask(QUESTION)
    widget.wait_for_answer(TOPIC)
    vote = widget.log.get_by_role("group", name="Was this helpful?")
    expect(vote).to_have_count(1)
    yes = vote.get_by_role("button", name="Yes, this was helpful")
    no = vote.get_by_role("button", name="No, this was not helpful")
    # Thumbs: an icon each, hidden from screen readers, which read the button's name.
    for thumb in (yes, no):
        expect(thumb.locator("svg[aria-hidden='true']")).to_have_count(1)
    # The answer's other buttons stay a group of their own.
    expect(widget.log.get_by_role("group", name="Suggested replies")).to_have_count(1)

    yes.click()
    expect(yes).to_be_disabled()
    expect(no).to_be_disabled()
    widget.wait_for_bot_text(THANKS)
    expect(widget.input).to_be_focused()

    events = stack.tracker(widget.conversation())["events"]
    [vote_event] = [e for e in events if e["event"] == "user" and e["text"] == "/helpful"]
    assert vote_event["parse_data"]["intent"]["name"] == "helpful"
    topics = [e["value"] for e in events[: events.index(vote_event)]
              if e["event"] == "slot" and e["name"] == "topic"]
    assert topics[-1] == TOPIC
    assert stack.tracker(widget.conversation())["slots"]["topic"] == TOPIC
