"""Red-flag symptoms found by rules, on every message, whatever the classifier thought.

The patterns live in safety/red_flags.yml, readable by the content team. Each pattern is a
few slots separated by ">"; a slot lists alternatives separated by "|" and an alternative
may be several words. Up to MAX_GAP other words may stand between two slots. Text and
patterns both pass through spaCy's lookup lemmatizer (`spacy.blank("en")` with
spacy-lookups-data), so "vomited", "vomiting" and "vomits" all match "vomit".
A match preceded in its clause by a negation ("no blood in my stool", "never vomited
blood") does not count, nor does one overlapping an `exclude` pattern of its flag
("confused about the names").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import spacy
import yaml
from spacy.matcher import Matcher

RED_FLAGS_FILE = Path(__file__).resolve().parents[2] / "safety" / "red_flags.yml"
MAX_GAP = 3
NEGATION_WINDOW = 5
NEGATIONS = {"no", "not", "never", "n't", "without", "nor", "deny", "denies", "none", "neither"}
CLAUSE_BREAKS = {",", ".", ";", "!", "?", "but", "however", "although", "though"}


@dataclass(frozen=True)
class RedFlag:
    symptom: Text
    crisis: bool


@lru_cache(maxsize=1)
def english_pipeline() -> spacy.language.Language:
    """spacy.blank("en") with the lookup lemmatizer; built once per process."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def lemmas(text: Text) -> List[Text]:
    # The lookup table knows lower-case words only.
    return [token.lemma_.lower() or token.lower_ for token in english_pipeline()(text.lower())]


def _slot_alternatives(slot: Text) -> List[List[Dict[Text, Any]]]:
    """The token sequences one slot stands for. Its one-word alternatives share a single
    token ({"LEMMA": {"IN": [...]}}): one spaCy pattern instead of one per word, which keeps
    the matcher small (about 18,000 patterns otherwise, 4 ms a message) with the same matches."""
    words = [lemmas(alternative.strip()) for alternative in slot.split("|") if alternative.strip()]
    single = sorted({alternative[0] for alternative in words if len(alternative) == 1})
    sequences = [[{"LEMMA": word} for word in alternative] for alternative in words if len(alternative) > 1]
    if single:
        sequences.insert(0, [{"LEMMA": {"IN": single}} if len(single) > 1 else {"LEMMA": single[0]}])
    return sequences


def _token_patterns(pattern: Text) -> List[List[Dict[Text, Any]]]:
    """All spaCy Matcher patterns one written pattern stands for."""
    slots = [_slot_alternatives(slot) for slot in pattern.split(">")]
    expanded = []
    for choice in itertools.product(*slots):
        tokens: List[Dict[Text, Any]] = []
        for index, sequence in enumerate(choice):
            if index:
                tokens += [{"OP": "?"}] * MAX_GAP
            tokens += sequence
        expanded.append(tokens)
    return expanded


def _compile(written_patterns: List[Text]) -> List[List[Dict[Text, Any]]]:
    return [pattern for written in written_patterns for pattern in _token_patterns(written)]


class RedFlagMatcher:
    """Finds the red flags of safety/red_flags.yml in a text."""

    def __init__(self, definitions: List[Dict[Text, Any]]) -> None:
        self._nlp = english_pipeline()
        self._matcher = Matcher(self._nlp.vocab)
        self._excluder = Matcher(self._nlp.vocab)
        self._flags: Dict[Text, RedFlag] = {}
        for definition in definitions:
            flag = RedFlag(definition["symptom"], bool(definition.get("crisis", False)))
            self._flags[flag.symptom] = flag
            self._matcher.add(flag.symptom, _compile(definition["patterns"]))
            if definition.get("exclude"):
                self._excluder.add(flag.symptom, _compile(definition["exclude"]))

    @classmethod
    def from_file(cls, path: Optional[Path] = None) -> "RedFlagMatcher":
        raw = yaml.safe_load(Path(path or RED_FLAGS_FILE).read_text(encoding="utf-8"))
        return cls(raw["red_flags"])

    def find(self, text: Text) -> List[Tuple[RedFlag, Text]]:
        """The red flags in the text that are not negated, with the words that matched."""
        return [(flag, words) for flag, words, _, _ in self.find_spans(text)]

    def find_spans(self, text: Text) -> List[Tuple[RedFlag, Text, int, int]]:
        """Like `find`, with the character offsets of the matched words."""
        doc = self._nlp(text.lower())
        matches = self._matcher(doc)
        if not matches:  # nearly every message: the exclusions cannot matter
            return []
        excluded = [
            (self._nlp.vocab.strings[match_id], start, end)
            for match_id, start, end in (self._excluder(doc) if len(self._excluder) else [])
        ]
        found: Dict[Text, Tuple[RedFlag, Text, int, int]] = {}
        for match_id, start, end in matches:
            symptom = self._nlp.vocab.strings[match_id]
            if symptom in found or _is_negated(doc, start):
                continue
            if any(s == symptom and a < end and start < b for s, a, b in excluded):
                continue
            span = doc[start:end]
            found[symptom] = (self._flags[symptom], span.text, span.start_char, span.end_char)
        return list(found.values())


def _is_negated(doc, start: int) -> bool:
    for token in reversed(doc[max(0, start - NEGATION_WINDOW) : start]):
        if token.lower_ in CLAUSE_BREAKS:
            return False
        if token.lower_ in NEGATIONS or token.lemma_.lower() in NEGATIONS:
            return True
    return False


def main() -> None:
    """Try the patterns: python -m server.nlu.red_flags "some message" ..."""
    import sys

    matcher = RedFlagMatcher.from_file()
    for text in sys.argv[1:]:
        found = matcher.find(text)
        print(f"{text!r}: " + (", ".join(f"{f.symptom} ({words!r})" for f, words in found) or "-"))


if __name__ == "__main__":
    main()
