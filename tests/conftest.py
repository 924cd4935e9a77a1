"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The outline is every content-outline*.md of shared/ (content-outline.md and its parts).
OUTLINES = sorted(SHARED.glob("content-outline*.md"))
HELDOUT_DIR = ROOT / "tests" / "nlu_heldout"
FAQ_FILE = ROOT / "tests" / "nlu_faq" / "faq_style.yml"
MODELS_DIR = ROOT / "models"

# Every Rasa command the tests start runs from the root, as a user would.
os.chdir(ROOT)


def outline_topic_ids() -> List[str]:
    """The topic ids of the content outline, the contract the content must meet."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in OUTLINES)
    return re.findall(r"^\| ([a-z][a-z0-9_]*) \|", text, flags=re.MULTILINE)


def heldout_examples() -> Dict[str, List[str]]:
    """Held-out NLU questions by intent, read from tests/nlu_heldout/."""
    examples: Dict[str, List[str]] = {}
    for path in sorted(HELDOUT_DIR.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            lines = [line.strip()[2:].strip() for line in block["examples"].splitlines()]
            examples.setdefault(block["intent"], []).extend(line for line in lines if line)
    return examples


def faq_questions() -> List[Dict[str, Any]]:
    """The medical-FAQ-style set: each question with every topic that answers it, best first."""
    return yaml.safe_load(FAQ_FILE.read_text(encoding="utf-8"))["questions"]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The newest model that `make train` produced; the suite never trains its own."""
    models = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        pytest.fail("no trained model in models/: run `make train` (make test does it first)")
    return models[-1]


def pytest_configure(config):
    config.addinivalue_line("markers", "last: runs after the other tests of its tier (it kills or restarts services)")


# Figures measured by tests (accuracy, timings), printed at the end of the run.
FIGURES: Dict[str, str] = {}

# Each tier's wall time, from its first test's setup to its last test's teardown.
TIER_SPANS: Dict[str, List[float]] = {}


def tier_of(nodeid: str) -> str:
    """`tests/unit` for `tests/unit/common/test_names.py::test_...`."""
    return "/".join(nodeid.split("/")[:2])


def pytest_runtest_logstart(nodeid, location):
    TIER_SPANS.setdefault(tier_of(nodeid), [time.monotonic(), 0.0])


def pytest_runtest_logfinish(nodeid, location):
    TIER_SPANS[tier_of(nodeid)][1] = time.monotonic()


def pytest_terminal_summary(terminalreporter):
    for tier, (start, end) in TIER_SPANS.items():
        FIGURES[f"{tier}: wall time"] = f"{end - start:.0f} s"
    if FIGURES:
        terminalreporter.section("figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
