"""The questions every benchmark shares: training questions and held-out questions by topic.

Standard library and PyYAML only, so both the Rasa environment (.venv, Python 3.10) and
the benchmark's own environment (.bench-venv, Python 3.11) can import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import yaml

from common.content import load_topics

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_DIR = ROOT / "tests" / "nlu_heldout"


def training_questions() -> Dict[str, List[str]]:
    """The `questions` of each content/<topic>.yml: what the bot's topic intents train on."""
    return {topic_id: list(topic.questions) for topic_id, topic in load_topics().items()}


def heldout_questions() -> Dict[str, List[str]]:
    """Held-out questions of the topics, read as tests/conftest.py reads them.

    Files for intents that are not topics (small talk, personal advice) are left out:
    the comparison is about topics, the only thing all three retrievers know.
    """
    topics = set(load_topics())
    examples: Dict[str, List[str]] = {}
    for path in sorted(HELDOUT_DIR.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if block["intent"] not in topics:
                continue
            lines = [line.strip()[2:].strip() for line in block["examples"].splitlines()]
            examples.setdefault(block["intent"], []).extend(line for line in lines if line)
    return examples
