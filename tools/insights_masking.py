"""Masks what could identify a person in a question before it goes into a report.

Conversations are health data: the insights report shows the questions the assistant could
not place, so that editors see what to add, but never an email address, a phone number, a
web address or any other number (a weight, an age, a lab value, a date of birth, a record
number). Each becomes a placeholder, which also lets "I weigh 220" and "I weigh 180" group
as one question.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Seven or more digits, which may be split by spaces, dots, dashes or brackets, and may start
# with + ("+1 (555) 010-9999", "555.010.9999", "07700 900123").
PHONE = re.compile(r"(?<![\w@])\+?\(?\d(?:[\s().-]{0,2}\d){6,}\)?")
# Any other run of digits, with its decimal part or digit-group separators ("1,200", "5.7").
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SPACES = re.compile(r"\s+")

MASKS = (
    (EMAIL, "[email]"),
    (WEB_ADDRESS, "[link]"),
    (PHONE, "[phone]"),
    (NUMBER, "[number]"),
)


def mask(text: str) -> str:
    """The text with emails, links, phone numbers and numbers replaced, on one line."""
    for pattern, placeholder in MASKS:
        text = pattern.sub(placeholder, text)
    return SPACES.sub(" ", text).strip()
