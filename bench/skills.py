"""Conversation skills (issue 12) on held-out messages, the trained model loaded in-process.

Each message of tests/nlu_heldout_skills/ is parsed as the Rasa server parses it (the whole
NLU pipeline: red flags, language, button labels, a second question) and counts as handled
when the intent is one its class accepts and, where the item says so, the second topic
offered or the language recognised is the one written down. `make bench` reports the
score per class; tests/model/test_skills_heldout.py gates it.

`python -m bench.skills [model.tar.gz]` prints the table (the newest model by default).
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import yaml

from common.content import load_topics

ROOT = Path(__file__).resolve().parent.parent
SKILLS_DIR = ROOT / "tests" / "nlu_heldout_skills"
MODELS_DIR = ROOT / "models"
ANY_TOPIC = "topic"
SECOND_TOPIC = "second_topic"
LANGUAGE = "language"


@dataclass(frozen=True)
class Case:
    skill: str
    text: str
    accept: Sequence[str]
    intent: Optional[str] = None
    second_topic: Optional[str] = None
    language: Optional[str] = None


def load_cases(directory: Path = SKILLS_DIR) -> List[Case]:
    cases = []
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["messages"]:
            item = item if isinstance(item, dict) else {"text": item}
            cases.append(
                Case(
                    skill=data["class"],
                    text=str(item["text"]),
                    accept=tuple(data.get("accept") or ()),
                    intent=item.get("intent"),
                    second_topic=item.get(SECOND_TOPIC),
                    language=item.get(LANGUAGE),
                )
            )
    return cases


def entity_value(parsed: Dict[str, Any], name: str) -> Optional[str]:
    for entity in parsed.get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


def handled(case: Case, parsed: Dict[str, Any], topic_ids: Iterable[str]) -> bool:
    """Whether the model's reading of the message leads to the reply its class asks for."""
    intent = (parsed.get("intent") or {}).get("name")
    topics = set(topic_ids)
    if case.second_topic:
        # Either order: the first answered and the second offered, or the other way round.
        return {intent, entity_value(parsed, SECOND_TOPIC)} == {case.intent, case.second_topic}
    if case.intent and intent != case.intent:
        return False
    if not case.intent and not (intent in case.accept or (ANY_TOPIC in case.accept and intent in topics)):
        return False
    return not case.language or entity_value(parsed, LANGUAGE) == case.language


def score(cases: List[Case], parses: List[Dict[str, Any]], topic_ids: Iterable[str]) -> Dict[str, Any]:
    """Per class and overall: handled, total, share, and the messages missed."""
    topic_ids = set(topic_ids)
    classes: Dict[str, Dict[str, Any]] = {}
    for case, parsed in zip(cases, parses):
        row = classes.setdefault(case.skill, {"handled": 0, "total": 0, "missed": []})
        row["total"] += 1
        if handled(case, parsed, topic_ids):
            row["handled"] += 1
        else:
            got = (parsed.get("intent") or {}).get("name")
            row["missed"].append(f"{case.text} -> {got} {entity_value(parsed, SECOND_TOPIC) or ''}".strip())
    for row in classes.values():
        row["share"] = row["handled"] / row["total"]
    total = sum(row["total"] for row in classes.values())
    done = sum(row["handled"] for row in classes.values())
    return {"classes": classes, "handled": done, "total": total, "share": done / total if total else 0.0}


def parse_all(agent: Any, texts: List[str]) -> List[Dict[str, Any]]:
    async def parse() -> List[Dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(parse())


def newest_model() -> Path:
    return sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)[-1]


def measure(model: Optional[Path] = None) -> Dict[str, Any]:
    from rasa.core.agent import Agent  # here: the unit tests of this module need no Rasa

    cases = load_cases()
    agent = Agent.load(str(model or newest_model()))
    return score(cases, parse_all(agent, [case.text for case in cases]), load_topics())


def table(result: Dict[str, Any]) -> str:
    lines = ["| class | handled | share |", "|---|---|---|"]
    for name, row in sorted(result["classes"].items()):
        lines.append(f"| {name} | {row['handled']} of {row['total']} | {row['share']:.2f} |")
    lines.append(f"| all | {result['handled']} of {result['total']} | {result['share']:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = measure(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(table(outcome))
    print(json.dumps({name: row["missed"] for name, row in outcome["classes"].items()}, indent=1))
