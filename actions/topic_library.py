"""The topic files as the action server sees them, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List

from common import content
from common.content import Topic, load_topics, topic_button  # noqa: F401 (for the actions)


@lru_cache(maxsize=1)
def all_topics() -> Dict[str, Topic]:
    # Rasa was trained on the same files; restart the action server after editing them.
    return load_topics()


def group_buttons() -> List[Dict[str, str]]:
    return content.group_buttons(all_topics())
