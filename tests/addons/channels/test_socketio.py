"""The checks of the Socket.IO channel, on their own (the real server: tests/browser)."""

import pytest

from addons.channels.socketio import (
    DEFAULT_ORIGINS,
    REPLIES,
    CheckedSocketIOInput,
    allowed_origins,
    message_problem,
    session_request_data,
)
from addons.message_guard import MAX_MESSAGE_CHARS


def test_origins_default_to_localhost(monkeypatch):
    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    assert allowed_origins(None) == list(DEFAULT_ORIGINS)


def test_origins_come_from_the_environment_run_sh_sets(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://clinic.example.org  http://localhost:8000/")
    assert allowed_origins(None) == ["https://clinic.example.org", "http://localhost:8000"]


def test_origins_in_credentials_win(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "http://localhost:8000")
    assert allowed_origins(["https://a.example.org"]) == ["https://a.example.org"]


@pytest.mark.parametrize("configured", ["*", ["https://a.example.org", "*"], "https://*.example.org", []])
def test_wildcards_and_empty_lists_are_refused(configured):
    with pytest.raises(ValueError, match="socketio"):
        allowed_origins(configured)


def test_channel_keeps_rasas_settings_and_adds_the_allow_list(monkeypatch):
    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    channel = CheckedSocketIOInput.from_credentials(
        {"session_persistence": True, "jwt_key": "secret", "jwt_method": "HS256"}
    )
    assert channel.name() == "socketio"
    assert channel.session_persistence is True
    assert (channel.jwt_key, channel.jwt_algorithm) == ("secret", "HS256")
    assert channel.cors_allowed_origins == list(DEFAULT_ORIGINS)


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"message": "what is MASLD?", "session_id": "abc"}, None),
        ({"message": "x" * MAX_MESSAGE_CHARS, "session_id": "abc"}, None),
        ({"message": "", "session_id": "abc"}, None),
        ({"message": "x" * (MAX_MESSAGE_CHARS + 1), "session_id": "abc"}, "too_long"),
        ("what is MASLD?", "not_text"),
        (None, "not_text"),
        ({"message": ["a"], "session_id": "abc"}, "not_text"),
        ({"message": 42, "session_id": "abc"}, "not_text"),
        ({"message": "hi"}, "no_session"),
        ({"message": "hi", "session_id": ""}, "no_session"),
        ({"message": "hi", "session_id": "s" * 129}, "no_session"),
        ({"message": "hi", "session_id": 7}, "no_session"),
        ({"message": "hi", "session_id": "abc", "metadata": "{not json"}, "bad_metadata"),
        ({"message": "hi", "session_id": "abc", "metadata": "[1]"}, "bad_metadata"),
        ({"message": "hi", "session_id": "abc", "metadata": '{"page": "/"}'}, None),
    ],
)
def test_message_problem(data, problem):
    assert message_problem(data) == problem


def test_a_message_without_session_is_fine_without_session_persistence():
    assert message_problem({"message": "hi"}, needs_session=False) is None


def test_every_problem_has_a_reply_that_names_no_user_text():
    assert set(REPLIES) == {"too_long", "not_text", "no_session", "bad_metadata"}
    assert f"{MAX_MESSAGE_CHARS:,}" in REPLIES["too_long"]


@pytest.mark.parametrize(
    "data, session_id",
    [
        ({"session_id": "abc"}, "abc"),
        ({"session_id": None}, None),
        ({}, None),
        (None, None),
        ("abc", None),
        ({"session_id": ["abc"]}, None),
        ({"session_id": "s" * 129}, None),
    ],
)
def test_session_request_data(data, session_id):
    assert session_request_data(data) == {"session_id": session_id}
