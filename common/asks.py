"""The subject-and-ask grid (content/phrasing/asks.yml): training questions built from it.

A question such as "How to prevent NAFLD?" is a subject (NAFLD) and what is asked about it
(prevention). The grid routes each pair to a topic; `generated_questions` writes, for each
filled cell, questions that pair every phrasing of the ask with every name of the
subject, cycling both lists together so each appears at least once without writing out
every combination (which would outweigh the questions editors wrote themselves).
No Rasa import: the importer and the content checks both use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

import yaml

from common.content import CONTENT_DIR

# Relative to the content folder, so a test's content folder brings its own grid.
ASKS_PATH = Path("phrasing") / "asks.yml"
PLACEHOLDER = "{s}"


@dataclass(frozen=True)
class AskGrid:
    subjects: Dict[str, Tuple[str, ...]]
    asks: Dict[str, Tuple[str, ...]]
    routes: Dict[str, Dict[str, str]]


def load_grid(path: Optional[Path] = None) -> AskGrid:
    """The grid; an empty one where the content folder has none."""
    path = Path(path or CONTENT_DIR / ASKS_PATH)
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    raw = raw or {}
    return AskGrid(
        subjects={name: tuple(map(str, names)) for name, names in (raw.get("subjects") or {}).items()},
        asks={name: tuple(map(str, phrasings)) for name, phrasings in (raw.get("asks") or {}).items()},
        routes={
            subject: {ask: str(topic) for ask, topic in (cells or {}).items()}
            for subject, cells in (raw.get("routes") or {}).items()
        },
    )


def grid_problems(grid: AskGrid, topic_ids: Iterable[str]) -> List[str]:
    """Every mistake an editor can make in the grid, each in one line."""
    known: Set[str] = set(topic_ids)
    problems = []
    for name, names in grid.subjects.items():
        if not names:
            problems.append(f"subject {name}: no names")
    for name, phrasings in grid.asks.items():
        problems += [
            f"ask {name}: '{phrasing}' has no {PLACEHOLDER}"
            for phrasing in phrasings
            if phrasing.count(PLACEHOLDER) != 1
        ]
        if not phrasings:
            problems.append(f"ask {name}: no phrasings")
    for subject, cells in grid.routes.items():
        if subject not in grid.subjects:
            problems.append(f"routes: unknown subject {subject}")
        for ask, topic in cells.items():
            if ask not in grid.asks:
                problems.append(f"routes {subject}: unknown ask {ask}")
            if topic not in known:
                problems.append(f"routes {subject}.{ask}: unknown topic {topic}")
    return problems


def cell_questions(names: Tuple[str, ...], phrasings: Tuple[str, ...]) -> List[str]:
    """Each phrasing and each name at least once, paired by cycling both lists."""
    if not names or not phrasings:
        return []
    count = max(len(names), len(phrasings))
    return [
        phrasings[i % len(phrasings)].replace(PLACEHOLDER, names[i % len(names)]).lower()
        for i in range(count)
    ]


def generated_questions(grid: AskGrid) -> List[Tuple[str, str]]:
    """(question, topic id) for every filled cell, in the grid's order, without repeats."""
    seen: Set[str] = set()
    questions = []
    for subject, cells in grid.routes.items():
        for ask, topic in cells.items():
            for question in cell_questions(grid.subjects.get(subject, ()), grid.asks.get(ask, ())):
                if question not in seen:
                    seen.add(question)
                    questions.append((question, topic))
    return questions
