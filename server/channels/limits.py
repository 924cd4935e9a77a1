"""What a REST or Socket.IO client may send with one message, checked the same on both.

Every message is stored with its metadata: without a cap, one request could put
megabytes into the conversation store, and deeply nested JSON costs time to walk.
"""

from __future__ import annotations

import json
from typing import Any, Optional, Text

from server.nlu.message_guard import MAX_MESSAGE_CHARS

# A page's metadata is a few keys (page, locale, a campaign); 2 KiB is plenty.
MAX_METADATA_BYTES = 2048
# {"a": {"b": {"c": 1}}} is depth 3.
MAX_METADATA_DEPTH = 4

TOO_LONG = (
    f"The message is longer than {MAX_MESSAGE_CHARS:,} characters, so it was not read. "
    "Please send a shorter question."
)
METADATA_PROBLEMS = {
    "not_object": "'metadata' must be a JSON object.",
    "too_big": f"'metadata' is larger than {MAX_METADATA_BYTES:,} bytes.",
    "too_deep": f"'metadata' is nested more than {MAX_METADATA_DEPTH} levels deep.",
}


def message_too_long(message: Optional[Text]) -> bool:
    return bool(message) and len(message) > MAX_MESSAGE_CHARS


def depth(value: Any, limit: int) -> int:
    """How deep `value` nests, counting no further than limit + 1."""
    if limit < 0 or not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((depth(child, limit - 1) for child in children), default=0)


def metadata_problem(metadata: Any) -> Optional[Text]:
    """Why metadata cannot be stored (a key of METADATA_PROBLEMS), or None. None is fine."""
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        return "not_object"
    if depth(metadata, MAX_METADATA_DEPTH) > MAX_METADATA_DEPTH:
        return "too_deep"
    try:
        size = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError):
        return "not_object"
    return "too_big" if size > MAX_METADATA_BYTES else None
