"""Follow-ups read against the conversation (server/nlu/follow_ups.py), where the parse
meets the tracker.

An NLU component sees one message, never the conversation, and Rasa 3.6 has no hook
between parsing a message and predicting the next action. MessageProcessor.parse_message
is the one place that has both the parse and the tracker, for every message a channel
or the HTTP API hands in, so `install()` wraps it: when it is given a tracker, the parse
goes through `follow_ups.in_context` with the tracker's slots and the model's topics.
Parsing without a tracker (/model/parse, `rasa test nlu`) is unchanged.

Written for Rasa 3.6.21; the guard checks MessageProcessor.parse_message(self, message,
tracker, only_output_properties) before wrapping it.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, Text

from rasa.core.processor import MessageProcessor

from common.content import topic_ids
from server.nlu import follow_ups
from server.patches.guard import Patch

PATCH = Patch(__name__, written_for="3.6.21")
PARSE_MESSAGE_PARAMETERS = "(self, message, tracker=None, only_output_properties=True)"


def install() -> None:
    """Wraps MessageProcessor.parse_message once per process."""
    PATCH.require_version()
    if getattr(MessageProcessor.parse_message, "reads_follow_ups", False):
        return
    original = PATCH.require_signature(MessageProcessor, "parse_message", PARSE_MESSAGE_PARAMETERS)

    @functools.wraps(original)
    async def parse_message(
        self: MessageProcessor, message: Any, tracker: Any = None, only_output_properties: bool = True
    ) -> Dict[Text, Any]:
        parse_data = await original(self, message, tracker, only_output_properties)
        if tracker is None:
            return parse_data
        return follow_ups.in_context(parse_data, tracker.get_slot, topic_ids())

    parse_message.reads_follow_ups = True  # type: ignore[attr-defined]
    MessageProcessor.parse_message = parse_message  # type: ignore[assignment]
