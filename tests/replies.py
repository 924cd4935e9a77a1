"""What the tests look for in the assistant's replies."""

from typing import Any, Dict, List

DISCLAIMER = "does not replace professional medical advice"
FULL_DISCLAIMER = "Disclaimer: This assistant is for educational purposes only"


def texts(replies: List[Dict[str, Any]]) -> List[str]:
    return [reply.get("text", "") for reply in replies]


def answered(topic, said: List[str]) -> bool:
    """Rasa's REST channel sends each paragraph of a text as its own message."""
    first_paragraph = topic.answer.split("\n\n")[0].strip()
    return first_paragraph in said and topic.sources_line in said
