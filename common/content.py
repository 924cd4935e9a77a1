"""Load and check the topic files under content/.

Each file content/<topic_id>.yml is one topic: the single source of truth for the
training questions (read by the importer at train time) and for the answer (read by
the action server). This module has no Rasa imports so both servers can use it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

MIN_QUESTIONS = 15
MAX_READING_GRADE = 8.0
# The short layer: the key fact first, at most this many sentences.
MAX_ANSWER_SENTENCES = 3
MAX_RELATED = 2
KINDS = ("knowledge", "mechanism", "strategy", "faq", "about")
# Groups of the help menu, in the order shown, with the title of each group's button.
GROUPS = {
    "basics": "The basics",
    "causes": "How it happens",
    "health_effects": "Signs, tests and risks",
    "what_helps": "What helps",
    "food_and_drink": "Food and drink",
    "treatments": "Medicines and treatment",
    "common_questions": "Common questions",
}
TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# The guided helpers a topic may offer after its answer (optional field `helper`): each a
# button whose payload starts the helper's form (data/rules/, actions/).
HELPERS = {
    "weight_target": {"title": "Work out my target", "payload": "/start_weight_target"},
    "metabolic_checklist": {"title": "Check my signs", "payload": "/start_metabolic_checklist"},
}
REQUIRED_FIELDS = (
    "id",
    "title",
    "kind",
    "group",
    "section",
    "answer",
    "details",
    "related",
    "sources",
    "reviewed",
    "review_due",
    "questions",
)


class ContentError(ValueError):
    """A content file breaks a rule; the message names the file and field."""


@dataclass(frozen=True)
class Source:
    name: str
    url: Optional[str] = None

    @property
    def markdown(self) -> str:
        if not self.url:
            return self.name
        # Brackets and parentheses would end the Markdown link early.
        label = self.name.replace("[", "(").replace("]", ")")
        url = self.url.replace("(", "%28").replace(")", "%29")
        return f"[{label}]({url})"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    kind: str
    group: str
    section: str
    answer: str
    details: str
    related: Tuple[str, ...]
    sources: Tuple[Source, ...]
    reviewed: dt.date
    review_due: dt.date
    questions: Tuple[str, ...]
    path: Path = field(compare=False)
    helper: Optional[str] = None

    @property
    def helper_button(self) -> Optional[Dict[str, str]]:
        """The button that starts the topic's guided helper, where it has one."""
        return dict(HELPERS[self.helper]) if self.helper else None

    @property
    def sources_line(self) -> str:
        """The sources as Markdown links (each channel renders them its own way)."""
        names = "; ".join(source.markdown for source in self.sources)
        return f"Sources: {names}. Last reviewed {self.reviewed:%B %Y}."


def topic_button(topic: Topic) -> Dict[str, str]:
    # A payload starting with "/" skips NLU: the click answers exactly this topic.
    return {"title": topic.title, "payload": f"/{topic.id}"}


TELL_ME_MORE = "tell_me_more"
MORE_TOPICS_BUTTON = {"title": "Other topics", "payload": "/help"}


def tell_me_more_button(topic_id: str) -> Dict[str, str]:
    # The topic rides along, so an older answer's button gives that answer's details.
    return {"title": "Tell me more", "payload": f'/{TELL_ME_MORE}{{"topic":"{topic_id}"}}'}


def menu_intent(group: str) -> str:
    """The intent (and the payload, after "/") that shows one group of the topic menu."""
    return f"menu_{group}"


def used_groups(topics: Dict[str, Topic]) -> List[str]:
    """The menu groups that have topics, in menu order."""
    used = {topic.group for topic in topics.values()}
    return [group for group in GROUPS if group in used]


def group_buttons(topics: Dict[str, Topic]) -> List[Dict[str, str]]:
    """One button per non-empty menu group, in menu order."""
    return [
        {"title": GROUPS[group], "payload": f"/{menu_intent(group)}"} for group in used_groups(topics)
    ]


def normalise_question(text: str) -> str:
    """The form used to spot the same question in two places."""
    return " ".join(re.sub(r"[^\w\s%]", " ", text.lower()).split())


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of the answer, the measure the content check uses."""
    import textstat  # imported here: only the check needs it

    return float(textstat.flesch_kincaid_grade(text))


def _fail(path: Path, field_name: str, problem: str) -> ContentError:
    return ContentError(f"{path.name}: field '{field_name}': {problem}")


def _text(raw: dict, path: Path, name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, name, "must be non-empty text")
    return value.strip()


def _parse_sources(raw: dict, path: Path) -> Tuple[Source, ...]:
    items = raw.get("sources")
    if not isinstance(items, list) or not items:
        raise _fail(path, "sources", "must list at least one source with a name and url")
    sources = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise _fail(path, "sources", f"item {number} needs a 'name'")
        url = item.get("url")
        if url is not None and not str(url).startswith("https://"):
            raise _fail(path, "sources", f"item {number} url must start with https://")
        sources.append(Source(name=str(item["name"]).strip(), url=url and str(url).strip()))
    if not any(source.url for source in sources):
        # The article is an unsigned web page: never a topic's only source.
        raise _fail(path, "sources", "needs at least one source with a url users can open")
    return tuple(sources)


def sentences(text: str) -> List[str]:
    """The sentences of a text: split after . ! or ? followed by a space and a capital."""
    flat = " ".join(text.split())
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])", flat) if part.strip()]


def _parse_date(raw: dict, path: Path, name: str) -> dt.date:
    value = raw.get(name)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise _fail(path, name, "must be a date written as YYYY-MM-DD")
    return value


def _parse_questions(raw: dict, path: Path) -> Tuple[str, ...]:
    items = raw.get("questions")
    if not isinstance(items, list) or not all(isinstance(q, str) and q.strip() for q in items):
        raise _fail(path, "questions", "must be a list of non-empty questions")
    questions = tuple(q.strip() for q in items)
    if len(questions) < MIN_QUESTIONS:
        raise _fail(
            path, "questions", f"has {len(questions)} questions; at least {MIN_QUESTIONS} are needed"
        )
    seen: Dict[str, str] = {}
    for question in questions:
        key = normalise_question(question)
        if key in seen:
            raise _fail(path, "questions", f"'{question}' repeats '{seen[key]}'")
        seen[key] = question
    return questions


def parse_topic(path: Path) -> Topic:
    """Read one topic file and check its fields on their own."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: is not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ContentError(f"{path.name}: must be a mapping of fields")
    for name in REQUIRED_FIELDS:
        if name not in raw:
            raise _fail(path, name, "is missing")

    topic_id = _text(raw, path, "id")
    if not TOPIC_ID.match(topic_id):
        raise _fail(path, "id", "use lower-case letters, digits and underscores")
    if topic_id != path.stem:
        raise _fail(path, "id", f"'{topic_id}' must match the file name '{path.stem}'")
    kind = _text(raw, path, "kind")
    if kind not in KINDS:
        raise _fail(path, "kind", f"'{kind}' is not one of {', '.join(KINDS)}")
    group = _text(raw, path, "group")
    if group not in GROUPS:
        raise _fail(path, "group", f"'{group}' is not one of {', '.join(GROUPS)}")
    related = raw.get("related")
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        raise _fail(path, "related", "must be a list of topic ids (it may be empty)")
    if len(related) > MAX_RELATED:
        raise _fail(path, "related", f"lists {len(related)} topics; at most {MAX_RELATED}")
    helper = raw.get("helper")
    if helper is not None and helper not in HELPERS:
        raise _fail(path, "helper", f"'{helper}' is not one of {', '.join(HELPERS)}")

    answer = _text(raw, path, "answer")
    if len(sentences(answer)) > MAX_ANSWER_SENTENCES:
        raise _fail(
            path, "answer",
            f"has {len(sentences(answer))} sentences; the short answer has at most "
            f"{MAX_ANSWER_SENTENCES} (the rest goes in 'details')",
        )
    reviewed, review_due = _parse_date(raw, path, "reviewed"), _parse_date(raw, path, "review_due")
    if review_due <= reviewed:
        raise _fail(path, "review_due", "must come after 'reviewed'")
    return Topic(
        id=topic_id,
        title=_text(raw, path, "title"),
        kind=kind,
        group=group,
        section=_text(raw, path, "section"),
        answer=answer,
        details=_text(raw, path, "details"),
        related=tuple(related),
        sources=_parse_sources(raw, path),
        reviewed=reviewed,
        review_due=review_due,
        questions=_parse_questions(raw, path),
        path=path,
        helper=helper,
    )


def topic_problems(topics: List[Topic]) -> List[str]:
    """Rules across files: related ids exist, no question is shared, reading level."""
    by_id = {topic.id: topic for topic in topics}
    owner: Dict[str, Topic] = {}
    problems = []
    for topic in topics:
        for related_id in topic.related:
            if related_id not in by_id:
                problems.append(str(_fail(topic.path, "related", f"'{related_id}' is not a topic id")))
            elif related_id == topic.id:
                problems.append(str(_fail(topic.path, "related", "a topic cannot suggest itself")))
        for question in topic.questions:
            key = normalise_question(question)
            other = owner.get(key)
            if other is not None and other is not topic:
                problems.append(
                    str(
                        _fail(
                            topic.path,
                            "questions",
                            f"'{question}' is also a question of {other.path.name}",
                        )
                    )
                )
            owner.setdefault(key, topic)
        for layer in ("answer", "details"):
            grade = reading_grade(getattr(topic, layer))
            if grade > MAX_READING_GRADE:
                problems.append(
                    str(
                        _fail(
                            topic.path,
                            layer,
                            f"reads at grade {grade:.1f}; keep it at or below "
                            f"{MAX_READING_GRADE:.0f} (shorter sentences, simpler words)",
                        )
                    )
                )
    return problems


def review_warnings(topics: List[Topic], today: Optional[dt.date] = None) -> List[str]:
    """Topics whose review is due: a warning for the content team, not an error."""
    today = today or dt.date.today()
    return [
        f"{topic.path.name}: field 'review_due': the review was due on {topic.review_due}"
        for topic in topics
        if topic.review_due < today
    ]


def content_problems(directory: Optional[Path] = None) -> List[str]:
    """Every problem in the content folder, one line each, for the content check."""
    directory = Path(directory) if directory else CONTENT_DIR
    paths = sorted(directory.glob("*.yml"))
    if not paths:
        return [f"no topic files (*.yml) in {directory}"]
    topics, problems = [], []
    for path in paths:
        try:
            topics.append(parse_topic(path))
        except ContentError as error:
            problems.append(str(error))
    return problems + topic_problems(topics)


def load_topics(directory: Optional[Path] = None, check: bool = False) -> Dict[str, Topic]:
    """All topics by id, sorted by file name. `check` adds the cross-file rules."""
    directory = Path(directory) if directory else CONTENT_DIR
    paths = sorted(directory.glob("*.yml"))
    if not paths:
        raise ContentError(f"no topic files (*.yml) in {directory}")
    topics = [parse_topic(path) for path in paths]
    if check:
        problems = topic_problems(topics)
        if problems:
            raise ContentError("\n".join(problems))
    return {topic.id: topic for topic in topics}


@lru_cache(maxsize=1)
def topic_ids() -> FrozenSet[str]:
    """The ids of content/'s topics, read once per process: the serving side's view of the
    intents a topic answers (the model was trained on the same files)."""
    return frozenset(load_topics())
