"""The schema check built once accepts and rejects exactly what Rasa's own check does."""

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from server.patches.action_validation import install, validate_action_result

GOOD = {"events": [{"event": "slot", "name": "topic", "value": "diet"}], "responses": [{"text": "hi"}]}
BAD = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}


def test_a_valid_response_passes_as_with_rasa():
    validate(GOOD, RemoteAction.action_response_format_spec())
    assert validate_action_result(None, GOOD) is True


def test_an_invalid_response_fails_with_rasas_message():
    with pytest.raises(ValidationError):
        validate(BAD, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        validate_action_result(None, BAD)


def test_install_replaces_rasas_check(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    install()
    assert RemoteAction._validate_action_result is validate_action_result
