"""A reply like "2" chooses the second option the assistant just offered.

Channels without buttons (SMS, WhatsApp over Twilio, Messenger when titles are too long)
show buttons as a numbered list. The options are read back from the conversation's own
tracker, not kept in the channel: every Rasa replica sharing the tracker store maps the
number the same way, and nothing is lost on a restart.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, Iterable, List, Optional

from rasa.shared.core.events import BotUttered, Event, UserUttered

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def chosen_number(text: Optional[str]) -> Optional[int]:
    """The number a reply like "2", "2." or "#2" names, else None."""
    match = NUMBER.match(text or "")
    return int(match.group(1)) if match else None


def offered_buttons(events: Iterable[Event]) -> List[Dict[str, Any]]:
    """The buttons of the assistant's latest turn, or [] if that turn offered none.

    Only the turn since the user's last message counts: once the user has said something
    else, an old list no longer applies.
    """
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            return []
        if isinstance(event, BotUttered):
            buttons = (event.data or {}).get("buttons") or (event.data or {}).get("quick_replies")
            if buttons:
                return list(buttons)
    return []


def payload_for(text: Optional[str], buttons: List[Dict[str, Any]]) -> Optional[str]:
    number = chosen_number(text)
    if number is None or not 1 <= number <= len(buttons):
        return None
    return buttons[number - 1].get("payload")


async def resolve(agent: Any, sender_id: str, text: Optional[str]) -> Optional[str]:
    """The payload a numbered reply stands for, or the text unchanged."""
    if chosen_number(text) is None or agent is None:
        return text
    try:
        tracker = await agent.tracker_store.retrieve(sender_id)
    except Exception:  # a tracker store hiccup must not lose the user's message
        logger.exception("Could not read the conversation to map a numbered reply.")
        return text
    if tracker is None:
        return text
    return payload_for(text, offered_buttons(tracker.events)) or text
