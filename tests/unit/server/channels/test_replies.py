"""The one reply path of the messaging channels: every text, button and quick-reply call
of Rasa's output channel ends in `send_reply`, addressed to the service's own id.

What each channel makes of a reply (keyboards, blocks, numbered options) is tested with
the channel: test_telegram.py, test_slack.py, test_facebook.py, test_twilio.py.
"""

from typing import Any, Dict, List, Tuple

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel

from server.channels.facebook import MessengerReplies
from server.channels.replies import OneReplyPath
from server.channels.slack import SlackReplies
from server.channels.telegram import TelegramReplies
from server.channels.twilio import TwilioReplies

BUTTONS = [{"title": "Diet", "payload": "/diet"}, {"title": "Alcohol", "payload": "/alcohol"}]
MESSAGING_CHANNELS = (TelegramReplies, SlackReplies, MessengerReplies, TwilioReplies)
REPLY_CALLS = ("send_response", "send_text_message", "send_text_with_buttons", "send_quick_replies")


class Recording(OneReplyPath, OutputChannel):
    """A channel whose send_reply records what reaches it."""

    def __init__(self) -> None:
        self.replies: List[Tuple[str, str, List[Dict[str, Any]]]] = []

    async def send_reply(self, recipient_id: str, text: str, buttons: List[Dict[str, Any]]) -> None:
        self.replies.append((recipient_id, text, buttons))


async def replies_to(recipient: str, *messages: Dict[str, Any]) -> List[Tuple[str, str, List[Dict[str, Any]]]]:
    channel = Recording()
    for message in messages:
        await channel.send_response(recipient, dict(message))
    return channel.replies


async def test_text_buttons_and_quick_replies_each_end_in_one_send_reply():
    replies = await replies_to(
        "telegram:7004",
        {"text": "MASLD is ..."},
        {"text": "Pick a topic:", "buttons": BUTTONS},
        {"text": "Or one of these:", "quick_replies": BUTTONS[:1]},
    )

    assert replies == [
        ("7004", "MASLD is ...", []),
        ("7004", "Pick a topic:", BUTTONS),
        ("7004", "Or one of these:", BUTTONS[:1]),
    ]


async def test_a_text_keeps_its_paragraphs_in_one_reply():
    """Rasa's own channels split at blank lines; here the channel decides how to split."""
    assert await replies_to("slack:C1", {"text": "First.\n\nSecond."}) == [("C1", "First.\n\nSecond.", [])]


async def test_what_rasa_sends_as_text_by_default_goes_the_same_way():
    # Rasa's OutputChannel turns these into text and buttons: they meet send_reply too.
    replies = await replies_to(
        "messenger:psid-1",
        {"image": "https://example.org/liver.png"},
        {"elements": [{"title": "Diet", "subtitle": "What to eat", "buttons": BUTTONS}]},
    )

    assert replies == [
        ("psid-1", "Image: https://example.org/liver.png", []),
        ("psid-1", "Diet : What to eat", BUTTONS),
    ]


@pytest.mark.parametrize("key, address", [
    ("telegram:7004", "7004"),
    ("slack:C0123", "C0123"),
    ("messenger:psid-1", "psid-1"),
    ("sms:+15551230003", "+15551230003"),
    # Twilio's address of a WhatsApp user is its conversation key.
    ("whatsapp:+15551230003", "whatsapp:+15551230003"),
    ("eval-42", "eval-42"),
])
async def test_the_reply_goes_to_the_services_own_id(key, address):
    assert await replies_to(key, {"text": "hi"}) == [(address, "hi", [])]


async def test_a_channel_must_say_how_it_sends_a_reply():
    class Unfinished(OneReplyPath, OutputChannel):
        pass

    with pytest.raises(NotImplementedError):
        await Unfinished().send_response("telegram:1", {"text": "hi"})


async def test_listed_after_rasas_class_the_mixin_would_be_bypassed():
    """Why every channel lists it first: otherwise Rasa's methods win and the reply keeps
    the conversation key as its address."""

    class Misordered(CollectingOutputChannel, OneReplyPath):
        async def send_reply(self, recipient_id, text, buttons):
            raise AssertionError("not reached")

    channel = Misordered()
    await channel.send_response("telegram:7004", {"text": "hi", "buttons": BUTTONS})

    assert channel.messages == [{"recipient_id": "telegram:7004", "text": "hi", "buttons": BUTTONS}]


@pytest.mark.parametrize("channel", MESSAGING_CHANNELS, ids=lambda channel: channel.__name__)
def test_every_messaging_channel_sends_through_the_one_path(channel):
    mro = channel.__mro__
    assert mro.index(OneReplyPath) < mro.index(OutputChannel), "listed before Rasa's output class"
    for name in REPLY_CALLS:
        assert getattr(channel, name) is getattr(OneReplyPath, name), f"{channel.__name__}.{name}"
    assert channel.send_reply is not OneReplyPath.send_reply, "it says how it sends a reply"
