"""The content check names the file and the field of each broken rule."""

from pathlib import Path

import pytest
import yaml

import datetime as dt

from common.content import (
    ContentError,
    content_problems,
    load_topics,
    parse_topic,
    review_warnings,
)
from tests.conftest import ROOT

GOOD = yaml.safe_load((ROOT / "content" / "what_is_insulin.yml").read_text(encoding="utf-8"))


def write_topic(directory: Path, topic_id: str, **changes) -> Path:
    raw = {**GOOD, "id": topic_id, "related": [], **changes}
    raw = {key: value for key, value in raw.items() if value is not None}
    path = directory / f"{topic_id}.yml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def unique_questions(prefix: str, count: int = 16):
    return [f"{prefix} question number {number}" for number in range(count)]


def test_a_good_file_passes(tmp_path):
    write_topic(tmp_path, "good_topic", questions=unique_questions("good"))
    assert content_problems(tmp_path) == []
    assert list(load_topics(tmp_path, check=True)) == ["good_topic"]


@pytest.mark.parametrize(
    "field", ["title", "answer", "details", "sources", "reviewed", "review_due", "group"]
)
def test_a_missing_field_is_named(tmp_path, field):
    path = write_topic(tmp_path, "broken", questions=unique_questions("b"), **{field: None})
    with pytest.raises(ContentError, match=rf"broken\.yml: field '{field}': is missing"):
        parse_topic(path)


def test_too_few_questions_are_named(tmp_path):
    path = write_topic(tmp_path, "short", questions=unique_questions("s", 14))
    with pytest.raises(ContentError, match=r"short\.yml: field 'questions': has 14 questions"):
        parse_topic(path)


def test_a_question_shared_with_another_topic_is_named(tmp_path):
    write_topic(tmp_path, "first", questions=unique_questions("a"))
    write_topic(tmp_path, "second", questions=unique_questions("b")[:-1] + ["A question NUMBER 3?"])
    problems = content_problems(tmp_path)
    assert any(
        "second.yml: field 'questions'" in problem and "first.yml" in problem for problem in problems
    ), problems


HARD = (
    "Hepatic steatosis, characterised by intrahepatocellular triglyceride accumulation, "
    "frequently coexists with peripheral insulin resistance, dyslipidaemia, "
    "hypertension and compensatory hyperinsulinaemia in metabolically predisposed individuals."
)


@pytest.mark.parametrize("layer", ["answer", "details"])
def test_a_hard_layer_is_named_with_its_grade(tmp_path, layer):
    write_topic(tmp_path, "hard", questions=unique_questions("h"), **{layer: HARD})
    (problem,) = content_problems(tmp_path)
    assert problem.startswith(f"hard.yml: field '{layer}': reads at grade")


def test_related_must_name_an_existing_strategy(tmp_path):
    write_topic(tmp_path, "lonely", related=["no_such_topic"], questions=unique_questions("l"))
    assert content_problems(tmp_path) == [
        "lonely.yml: field 'related': 'no_such_topic' is not a topic id"
    ]


def test_id_must_match_the_file_name(tmp_path):
    path = write_topic(tmp_path, "named", questions=unique_questions("n"))
    path.rename(tmp_path / "renamed.yml")
    with pytest.raises(ContentError, match=r"renamed\.yml: field 'id'"):
        parse_topic(tmp_path / "renamed.yml")


def test_invalid_yaml_is_named(tmp_path):
    (tmp_path / "bad.yml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"bad\.yml: is not valid YAML"):
        parse_topic(tmp_path / "bad.yml")


def test_a_long_short_answer_is_named_with_its_sentence_count(tmp_path):
    long = "Fat builds up. Cells stop working well. Scars form. The liver can fail."
    path = write_topic(tmp_path, "long", answer=long, questions=unique_questions("lo"))
    with pytest.raises(ContentError, match=r"long\.yml: field 'answer': has 4 sentences"):
        parse_topic(path)


def test_a_topic_needs_a_source_with_a_link(tmp_path):
    path = write_topic(
        tmp_path, "unlinked", sources=[{"name": "An unsigned web article"}], questions=unique_questions("u")
    )
    with pytest.raises(ContentError, match=r"unlinked\.yml: field 'sources': needs at least one source with a url"):
        parse_topic(path)


def test_a_passed_review_date_is_a_warning_not_a_problem(tmp_path):
    path = write_topic(
        tmp_path, "stale", reviewed="2024-01-01", review_due="2025-01-01", questions=unique_questions("st")
    )
    assert content_problems(tmp_path) == []
    (warning,) = review_warnings([parse_topic(path)], today=dt.date(2026, 12, 2))
    assert warning == "stale.yml: field 'review_due': the review was due on 2025-01-01"
    assert review_warnings([parse_topic(path)], today=dt.date(2024, 6, 1)) == []


def test_review_due_comes_after_the_review(tmp_path):
    path = write_topic(
        tmp_path, "backwards", reviewed="2026-01-01", review_due="2025-01-01", questions=unique_questions("bw")
    )
    with pytest.raises(ContentError, match=r"backwards\.yml: field 'review_due': must come after"):
        parse_topic(path)
