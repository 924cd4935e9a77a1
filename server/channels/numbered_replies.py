"""A reply like "2" chooses the second option the assistant just offered.

Channels without buttons (SMS, WhatsApp over Twilio, Messenger when titles are too long)
show buttons as a numbered list. The options are read back from the conversation's own
tracker, not kept in the channel: every Rasa replica sharing the tracker store maps the
number the same way, and nothing is lost on a restart.

Numbers run across the assistant's whole turn, in the order its messages are sent: after
a topic answer, "Was this helpful?" shows 1 and 2 and the next steps go on from 3, so a
typed number never means two options. The webhook starts a count per message it hands to
the assistant (`new_turn`); the output channel numbers each message's buttons from it
(`number_buttons`), and `offered_buttons` reads the same order back from the tracker.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from typing import Any, Dict, Iterable, List, Optional

from rasa.shared.core.events import BotUttered, Event, UserUttered

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")
# The options already offered in this turn. A context variable, not an attribute: one
# output channel (Telegram's) serves every conversation at once.
_OFFERED_IN_TURN: ContextVar[Optional[List[int]]] = ContextVar("offered_in_turn", default=None)


def new_turn() -> None:
    """Numbering starts again at 1 for the replies to the message about to be handled."""
    _OFFERED_IN_TURN.set([0])


def number_buttons(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Copies of the buttons, each with its `number` in the turn; outside a turn (no
    webhook message being handled) the buttons as they are, numbered from 1 if listed."""
    offered = _OFFERED_IN_TURN.get()
    if offered is None:
        return list(buttons)
    first = offered[0] + 1
    offered[0] += len(buttons)
    return [{**button, "number": first + index} for index, button in enumerate(buttons)]


def chosen_number(text: Optional[str]) -> Optional[int]:
    """The number a reply like "2", "2." or "#2" names, else None."""
    match = NUMBER.match(text or "")
    return int(match.group(1)) if match else None


def offered_buttons(events: Iterable[Event]) -> List[Dict[str, Any]]:
    """The buttons of the assistant's latest turn, every message's in the order sent, or
    [] if that turn offered none.

    Only the turn since the user's last message counts: once the user has said something
    else, an old list no longer applies.
    """
    turn: List[Dict[str, Any]] = []
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            buttons = (event.data or {}).get("buttons") or (event.data or {}).get("quick_replies")
            turn[:0] = buttons or []
    return turn


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
