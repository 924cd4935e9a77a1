"""One phrasing per red-flag kind, and the words each kind's first urgent reply must hold."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from server.nlu.red_flags import RedFlagMatcher
from server.nlu.urgent import LOW_BLOOD_SUGAR_SYMPTOM

PHRASINGS = yaml.safe_load((Path(__file__).parent / "red_flag_phrasings.yml").read_text())
CRISIS_SYMPTOM = "self_harm"


@lru_cache(maxsize=1)
def first_phrasing_of_each_kind() -> Dict[str, str]:
    """For each symptom, its first phrasing that raises that symptom and no other."""
    matcher = RedFlagMatcher.from_file()
    chosen: Dict[str, str] = {}
    for item in PHRASINGS["must_trigger"]:
        found = {flag.symptom for flag, _ in matcher.find(item["text"])}
        if found == {item["symptom"]}:
            chosen.setdefault(item["symptom"], item["text"])
    return chosen


def urgent_marker(symptom: str) -> str:
    """Words only that kind's first reply has: the crisis line, the first aid, the emergency."""
    if symptom == CRISIS_SYMPTOM:
        return "988"
    if symptom == LOW_BLOOD_SUGAR_SYMPTOM:
        return "fast sugar"
    return "Do not drive yourself"
