"""The subject-and-ask grid: loading, checking and the questions built from it."""

import pytest
import yaml

from common.asks import ASKS_PATH, cell_questions, generated_questions, grid_problems, load_grid, read_message
from common.content import CONTENT_DIR, load_topics


def write_grid(tmp_path, grid):
    path = tmp_path / "asks.yml"
    path.write_text(yaml.safe_dump(grid), encoding="utf-8")
    return load_grid(path)


def test_the_shipped_grid_has_no_problems_and_routes_to_real_topics():
    grid = load_grid(CONTENT_DIR / ASKS_PATH)
    assert grid_problems(grid, load_topics()) == []
    assert grid.routes["nash"]["treatment"] == "treatment_overview"


def test_each_phrasing_and_each_name_is_used_at_least_once():
    questions = cell_questions(("NASH", "MASH", "steatohepatitis"), ("how is {s} treated", "treatment for {s}"))
    assert questions == ["how is nash treated", "treatment for mash", "how is steatohepatitis treated"]
    assert cell_questions((), ("what is {s}",)) == []


def test_questions_follow_the_routes_without_repeats(tmp_path):
    grid = write_grid(tmp_path, {
        "subjects": {"nash": ["NASH"], "mash": ["NASH"]},
        "asks": {"what": ["what is {s}"], "treatment": ["how is {s} treated"]},
        "routes": {"nash": {"what": "what_is_nash", "treatment": "treatment_overview"},
                   "mash": {"what": "what_is_nash"}},
    })
    assert generated_questions(grid) == [("what is nash", "what_is_nash"), ("how is nash treated", "treatment_overview")]


def test_every_editor_mistake_is_named(tmp_path):
    grid = write_grid(tmp_path, {
        "subjects": {"nash": ["NASH"], "empty": []},
        "asks": {"what": ["what is it"], "none": []},
        "routes": {"nash": {"what": "no_such_topic", "why": "what_is_nash"}, "kidney": {"what": "what_is_nash"}},
    })
    problems = grid_problems(grid, ["what_is_nash"])
    assert sorted(problems) == sorted([
        "subject empty: no names",
        "ask what: 'what is it' has no {s}",
        "ask none: no phrasings",
        "routes nash.what: unknown topic no_such_topic",
        "routes nash: unknown ask why",
        "routes: unknown subject kidney",
    ])


def test_a_missing_grid_is_empty(tmp_path):
    grid = load_grid(tmp_path / "none.yml")
    assert generated_questions(grid) == [] and grid_problems(grid, []) == []


@pytest.mark.parametrize("text, subject, ask, follows_up", [
    ("what is nash", "nash", "what", False),
    ("What is the treatment for NASH?", "nash", "treatment", False),
    ("and how is it treated?", None, "treatment", True),
    ("and for MASLD?", "fatty_liver", None, True),
    ("what about kids?", None, None, True),
    ("is it serious?", None, "outlook", True),
])
def test_a_message_is_read_as_subject_ask_and_follow_up(text, subject, ask, follows_up):
    reading = read_message(load_grid(), text)
    assert (reading.subject, reading.ask, reading.follows_up) == (subject, ask, follows_up)


def test_pointing_back_and_the_subject_of_a_what_is_topic():
    grid = load_grid()
    assert read_message(grid, "how much per week?").points_back
    assert not read_message(grid, "what about kids?").points_back
    assert grid.subject_of_topic("what_is_nash") == "nash"
    assert grid.subject_of_topic("coffee") is None
    assert grid.route("nash", "treatment") == "treatment_overview" and grid.route(None, "what") is None
