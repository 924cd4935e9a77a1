"""The topic files as the action server sees them, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Optional

from addons.content import GROUPS, Topic, load_topics

DISCLAIMER_LINE = "utter_disclaimer_line"


@lru_cache(maxsize=1)
def all_topics() -> Dict[str, Topic]:
    # Rasa was trained on the same files; restart the action server after editing them.
    return load_topics()


def find_topic(topic_id: Optional[str]) -> Optional[Topic]:
    return all_topics().get(topic_id or "")


def topic_button(topic: Topic) -> Dict[str, str]:
    # A payload starting with "/" skips NLU: the click answers exactly this topic.
    return {"title": topic.title, "payload": f"/{topic.id}"}


def group_buttons() -> List[Dict[str, str]]:
    """One button per non-empty menu group, in menu order."""
    used = {topic.group for topic in all_topics().values()}
    return [
        {"title": title, "payload": f'/help{{"menu_group":"{group}"}}'}
        for group, title in GROUPS.items()
        if group in used
    ]


def topics_in_group(group: str) -> List[Topic]:
    return [topic for topic in all_topics().values() if topic.group == group]
