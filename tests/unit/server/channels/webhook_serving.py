"""A messaging channel in-process: built from its credentials entry as Rasa builds it, its
replies sent to the recorder, a stand-in assistant behind it. No trained model needed.
"""

from __future__ import annotations

import contextlib
from typing import Any, Dict, Iterator, List, Tuple

from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.utils.common import class_from_module_path
import yaml

from tests.channel_settings import CHANNEL_ENTRIES, SECRETS
from tests.conftest import ROOT
from tests.harness.recorder import Recorder
from tests.unit.server.channels.serving import serving

QUESTION = "what is nash"
# An answer in the Markdown subset of content/: paragraphs, **bold**, a list, a link.
ANSWER = (
    "**MASH** is fatty liver with inflammation.\n\n"
    "- Eat more fiber\n- Move every day\n\n"
    "Sources: [NIDDK](https://www.niddk.nih.gov/health-information/liver-disease)"
)
NEXT = [
    {"title": "Tell me more", "payload": "/nash_details"},
    {"title": "What to eat for fatty liver", "payload": "/diet"},
    {"title": "Other topics", "payload": "/help"},
]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
# A topic answer's whole turn, as the assistant sends it: the answer, "Was this helpful?"
# (domain.yml, with its vote buttons), the next steps and the reminder.
ANSWERED_QUESTION = "is coffee good for the liver"
VOTE_PROMPT = RESPONSES["utter_ask_helpful"][0]
VOTES = [button["payload"] for button in VOTE_PROMPT["buttons"]]
REMINDER = RESPONSES["utter_disclaimer_line"][0]["text"]
ANSWER_TURN = [
    {"text": ANSWER},
    {"text": VOTE_PROMPT["text"], "buttons": VOTE_PROMPT["buttons"]},
    {"text": "Want to know more?", "buttons": NEXT},
    {"text": REMINDER},
]


class StandInAssistant:
    """The agent behind the channel, in place of the trained assistant.

    QUESTION gets ANSWER with the NEXT buttons, ANSWERED_QUESTION a topic answer's whole
    turn (ANSWER_TURN); anything else is echoed. Each turn is
    kept in a real in-memory tracker store, which the channel reads numbered replies
    back from, as it does from the real assistant's.
    """

    def __init__(self) -> None:
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        self.messages: List[UserMessage] = []

    @staticmethod
    def replies_to(text: str) -> List[Dict[str, Any]]:
        if text == QUESTION:
            return [{"text": ANSWER, "buttons": NEXT}]
        if text == ANSWERED_QUESTION:
            return [dict(reply) for reply in ANSWER_TURN]
        return [{"text": f"echo: {text}"}]

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        replies = self.replies_to(message.text)
        tracker = await self.tracker_store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text, input_channel=message.input_channel))
        for reply in replies:
            tracker.update(BotUttered(reply["text"], {"buttons": reply.get("buttons")}))
        # Stored before the replies leave: a test that saw them may answer at once.
        await self.tracker_store.save(tracker)
        for reply in replies:
            # Rasa's send_response takes the message apart: give it a copy.
            await message.output_channel.send_response(message.sender_id, dict(reply))

    def received(self) -> List[Tuple[str, str]]:
        """(conversation key, text) of each message the assistant got, in order."""
        return [(message.sender_id, message.text) for message in self.messages]


@contextlib.contextmanager
def serving_channel(
    channel: str, recorder: Recorder, **credentials: Any
) -> Iterator[Tuple[str, StandInAssistant]]:
    """Yields (base URL, assistant) while the channel answers, filled in with the test
    secrets (and `credentials`) and sending its replies to the recorder."""
    entry = {**SECRETS[channel], "api_base_url": recorder.api_base_url(channel), **credentials}
    input_channel = class_from_module_path(CHANNEL_ENTRIES[channel]).from_credentials(entry)
    assistant = StandInAssistant()
    with serving(input_channel, agent=assistant, bot=assistant.handle_message) as (url, _):
        yield url, assistant
