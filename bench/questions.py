"""The question sets every system is scored on, and the training questions they all learn from.

Standard library and PyYAML only, so both the Rasa environment (.venv, Python 3.10) and
the benchmark's own environment (.bench-venv, Python 3.11) can import it. The training
questions are the importer's NLU data, exported from the Rasa environment
(bench/training_data.py) into a JSON file that the baselines read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from common.content import load_topics

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_DIR = ROOT / "tests" / "nlu_heldout"
FAQ_FILE = ROOT / "tests" / "nlu_faq" / "faq_style.yml"
FOLLOW_UPS_FILE = ROOT / "tests" / "follow_ups" / "conversations.yml"

# One scored question: its text and every topic that answers it, the best first.
Case = Tuple[str, List[str]]


def heldout_questions() -> Dict[str, List[str]]:
    """Held-out questions of the topics, read as tests/conftest.py reads them.

    Files for intents that are not topics (small talk, personal advice) are left out:
    the comparison is about topics, the one thing every system knows.
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


def heldout_cases() -> List[Case]:
    return [(q, [topic]) for topic, questions in sorted(heldout_questions().items()) for q in questions]


def faq_cases() -> List[Case]:
    """The medical-FAQ-style set: any topic listed for a question is a right answer."""
    questions = yaml.safe_load(FAQ_FILE.read_text(encoding="utf-8"))["questions"]
    return [(item["q"], list(item["topics"])) for item in questions]


def conversations() -> List[Dict]:
    return yaml.safe_load(FOLLOW_UPS_FILE.read_text(encoding="utf-8"))["conversations"]


def follow_up_cases() -> List[Case]:
    """The later turns of the conversations, each on its own text: what a system without
    context is scored on ("tell me more" alone names no topic, so it cannot be right)."""
    return [(turn["say"], [turn["topic"]]) for c in conversations() for turn in c["turns"][1:]]


def read_training(path: Path) -> Tuple[List[str], List[str]]:
    """Texts and intents of the exported training questions (bench/training_data.py)."""
    pairs = json.loads(path.read_text(encoding="utf-8"))["examples"]
    return [text for text, _ in pairs], [intent for _, intent in pairs]
