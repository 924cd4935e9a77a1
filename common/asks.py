"""The subject-and-ask grid (content/phrasing/asks.yml): training questions built from it.

A question such as "How to prevent NAFLD?" is a subject (NAFLD) and what is asked about it
(prevention). The grid routes each pair to a topic; `generated_questions` writes, for each
filled cell, questions that pair every phrasing of the ask with every name of the
subject, cycling both lists together so each appears at least once without writing out
every combination (which would outweigh the questions editors wrote themselves).
No Rasa import: the importer and the content checks both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

import yaml

from common.content import CONTENT_DIR

# Relative to the content folder, so a test's content folder brings its own grid.
ASKS_PATH = Path("phrasing") / "asks.yml"
PLACEHOLDER = "{s}"
WHAT = "what"  # the ask a bare "what is X" makes


@dataclass(frozen=True)
class AskGrid:
    subjects: Dict[str, Tuple[str, ...]]
    asks: Dict[str, Tuple[str, ...]]
    routes: Dict[str, Dict[str, str]]
    cues: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    follow_up_starts: Tuple[str, ...] = ()
    pronouns: Tuple[str, ...] = ()
    points_back: Tuple[str, ...] = ()

    def route(self, subject: Optional[str], ask: Optional[str]) -> Optional[str]:
        return self.routes.get(subject or "", {}).get(ask or "")

    @cached_property
    def patterns(self) -> "GridPatterns":
        """The grid's phrases as regexes, built once per grid, not once per message."""
        cues = {name: _phrase_pattern(cues, True) for name, cues in self.cues.items()}
        return GridPatterns(
            subjects={name: _phrase_pattern(names) for name, names in self.subjects.items()},
            asks={name: pattern for name, pattern in cues.items() if name != WHAT},
            what={WHAT: cues.get(WHAT)},
            points_back=_phrase_pattern(self.points_back),
        )

    def subject_of_topic(self, topic_id: Optional[str]) -> Optional[str]:
        """The subject a "what is" topic is about: what_is_nash -> nash."""
        return next((s for s, cells in self.routes.items() if cells.get("what") == topic_id), None)


def _phrase_pattern(phrases: Iterable[str], word_start: bool = False) -> Optional["re.Pattern"]:
    """One regex for the phrases, longest first, whole words (or word starts for cues)."""
    alternatives = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
    if not alternatives:
        return None
    tail = r"\w*" if word_start else r"\b"
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in alternatives) + ")" + tail)


@dataclass(frozen=True)
class GridPatterns:
    subjects: Dict[str, Optional["re.Pattern"]]
    asks: Dict[str, Optional["re.Pattern"]]
    what: Dict[str, Optional["re.Pattern"]]
    points_back: Optional["re.Pattern"]


@dataclass(frozen=True)
class Reading:
    """What a message names: a subject, an ask, and whether it reads as a follow-up."""

    subject: Optional[str]
    ask: Optional[str]
    follows_up: bool
    words: int
    points_back: bool = False


def read_message(grid: AskGrid, text: str) -> Reading:
    lowered = " ".join(re.sub(r"[^\w\s'-]", " ", (text or "").lower()).split())
    patterns = grid.patterns
    subject = _first_match(lowered, patterns.subjects)
    # "What is the treatment for NASH" asks about treatment: "what" only when nothing else.
    ask = _first_match(lowered, patterns.asks) or _first_match(lowered, patterns.what)
    starts = any(lowered == s or lowered.startswith(s + " ") for s in grid.follow_up_starts)
    pronoun = bool(set(lowered.split()) & set(grid.pronouns))
    points_back = bool(patterns.points_back and patterns.points_back.search(lowered))
    return Reading(subject, ask, starts or pronoun or points_back, len(lowered.split()), points_back)


def _first_match(text: str, patterns: Dict[str, Optional["re.Pattern"]]) -> Optional[str]:
    """The name whose pattern matches earliest in the text (the longest phrase on a tie)."""
    found = []
    for name, pattern in patterns.items():
        match = pattern.search(text) if pattern else None
        if match:
            found.append((match.start(), -len(match.group(0)), name))
    return min(found)[2] if found else None


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
        cues={name: tuple(map(str, cues)) for name, cues in (raw.get("cues") or {}).items()},
        follow_up_starts=tuple(map(str, (raw.get("follow_ups") or {}).get("starts") or ())),
        pronouns=tuple(map(str, (raw.get("follow_ups") or {}).get("pronouns") or ())),
        points_back=tuple(map(str, (raw.get("follow_ups") or {}).get("points_back") or ())),
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
    problems += [f"cues: unknown ask {name}" for name in grid.cues if name not in grid.asks]
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
