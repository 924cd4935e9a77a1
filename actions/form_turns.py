"""Whether a message during a form answers its question, or asks for something else.

Something else (a question on the side, "stop", a red flag, "talk to a person") makes the
form step aside: Rasa's rules answer it, and the form asks its question again afterwards.
Anything else is taken as an answer, so "heavy" or "pizza" gets a clear re-ask.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker

# Entity the red-flag detector adds to an urgent message (server/nlu/red_flag_detector.py).
RED_FLAG_ENTITY = "red_flag"
CANCEL_INTENT = "cancel_form"
# Requests that are never an answer, whatever their wording.
REQUEST_INTENTS = {
    "human_contact", "help", "forget_me", "confirm_forget_me", "restart", "bot_challenge",
    "goodbye", "tell_me_more", "personal_medical_advice",
}
MENU_PREFIX = "menu_"
# "wait, what is nash?", "how does that work", "tell me about mash".
QUESTION = re.compile(
    r"\?|^\W*(?:(?:wait|hang on|hold on|sorry|but|and|so|ok|okay|first)\W+)*"
    r"(?:what|what's|whats|how|why|when|where|who|which|is|are|can|could|do|does|should|tell|explain)\b",
    re.IGNORECASE,
)


def is_urgent(tracker: Tracker) -> bool:
    entities = tracker.latest_message.get("entities") or []
    return any(entity.get("entity") == RED_FLAG_ENTITY for entity in entities)


def answers_the_question(tracker: Tracker, reads_as_answer: bool) -> bool:
    """True when the form should take the message as its answer (and re-ask if it is bad).

    A red flag or "stop" never is, whatever numbers it holds; a message that reads as an
    answer (a number, "skip") always is; a request or a question is not."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    if is_urgent(tracker) or intent == CANCEL_INTENT:
        return False
    if reads_as_answer:
        return True
    text = tracker.latest_message.get("text") or ""
    asks = intent in REQUEST_INTENTS or intent.startswith(MENU_PREFIX) or text.startswith("/")
    return not (asks or QUESTION.search(text))
