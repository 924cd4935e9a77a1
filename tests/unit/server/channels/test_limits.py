"""The caps on one message that REST and Socket.IO share, checked on their own.

Each channel's use of them over HTTP or a socket: test_rest.py and test_socketio.py.
"""

import json

import pytest

from server.channels.limits import (
    MAX_METADATA_BYTES,
    MAX_METADATA_DEPTH,
    METADATA_PROBLEMS,
    TOO_LONG,
    depth,
    message_too_long,
    metadata_problem,
)
from server.nlu.message_guard import MAX_MESSAGE_CHARS


def nested(levels, leaf="leaf"):
    value = leaf
    for _ in range(levels):
        value = {"k": value}
    return value


def of_size(size):
    """A metadata object whose JSON takes exactly `size` bytes."""
    frame = len(json.dumps({"blob": ""}).encode("utf-8"))
    return {"blob": "x" * (size - frame)}


@pytest.mark.parametrize("message, too_long", [
    (None, False),
    ("", False),
    ("x" * MAX_MESSAGE_CHARS, False),
    ("😀" * MAX_MESSAGE_CHARS, False),  # characters, not bytes
    ("x" * (MAX_MESSAGE_CHARS + 1), True),
])
def test_a_message_is_too_long_past_the_guards_character_cap(message, too_long):
    assert message_too_long(message) is too_long


@pytest.mark.parametrize("value, expected", [
    ("text", 0),
    (7, 0),
    (None, 0),
    ({}, 1),
    ([], 1),
    ({"a": 1}, 1),
    ({"a": {"b": {"c": 1}}}, 3),
    ({"a": [{"b": 1}]}, 3),  # lists count as levels too
    ({"flat": 1, "deep": nested(3)}, 4),  # the deepest branch counts
])
def test_depth_counts_objects_and_lists(value, expected):
    assert depth(value, limit=10) == expected


def test_depth_stops_counting_one_level_past_the_limit():
    # A hostile payload nested far deeper than Python's recursion limit allows to walk.
    hostile = nested(50_000)

    assert depth(hostile, MAX_METADATA_DEPTH) == MAX_METADATA_DEPTH + 1
    assert metadata_problem(hostile) == "too_deep"


@pytest.mark.parametrize("metadata", [
    None,
    {},
    {"page": "/liver", "locale": "en", "campaign": {"source": "clinic", "week": 12}},
    nested(MAX_METADATA_DEPTH),
    of_size(MAX_METADATA_BYTES),
])
def test_metadata_within_the_caps_is_fine(metadata):
    assert metadata_problem(metadata) is None


@pytest.mark.parametrize("metadata, problem", [
    ("page=/liver", "not_object"),
    ([{"page": "/liver"}], "not_object"),
    (42, "not_object"),
    ({"tags": {"a", "b"}}, "not_object"),  # no JSON for it: it could not be stored
    ({("page", 1): "/liver"}, "not_object"),
    (nested(MAX_METADATA_DEPTH + 1), "too_deep"),
    ({"list": [[[["deep"]]]]}, "too_deep"),
    (of_size(MAX_METADATA_BYTES + 1), "too_big"),
    ({"blob": "é" * (MAX_METADATA_BYTES // 2)}, "too_big"),  # UTF-8 bytes, not characters
])
def test_metadata_problems_are_named(metadata, problem):
    assert metadata_problem(metadata) == problem


def test_depth_is_checked_before_size():
    deep_and_big = {"blob": "x" * (2 * MAX_METADATA_BYTES), "deep": nested(MAX_METADATA_DEPTH)}

    assert metadata_problem(deep_and_big) == "too_deep"


def test_every_problem_has_a_message_that_states_the_cap():
    assert set(METADATA_PROBLEMS) == {"not_object", "too_big", "too_deep"}
    assert f"{MAX_METADATA_BYTES:,} bytes" in METADATA_PROBLEMS["too_big"]
    assert f"{MAX_METADATA_DEPTH} levels" in METADATA_PROBLEMS["too_deep"]
    assert f"{MAX_MESSAGE_CHARS:,} characters" in TOO_LONG
