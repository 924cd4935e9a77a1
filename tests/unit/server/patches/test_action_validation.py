"""The schema check built once accepts and rejects exactly what Rasa's own check does, and
replaces Rasa's only on the Rasa it was written for."""

import pytest
import rasa
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from server.patches import action_validation
from server.patches.action_validation import install, validate_action_result
from server.patches.guard import RasaMismatch

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


def test_install_replaces_rasas_check_and_is_idempotent(monkeypatch):
    def rasas(self, result):
        return True

    monkeypatch.setattr(RemoteAction, "_validate_action_result", rasas)
    install()
    install()
    assert RemoteAction._validate_action_result is validate_action_result


def test_another_signature_stops_the_install(monkeypatch):
    def other(self, result, domain):
        return True

    monkeypatch.setattr(RemoteAction, "_validate_action_result", other)

    with pytest.raises(RasaMismatch, match=r"action_validation.*\(self, result\).*\(self, result, domain\)"):
        install()
    assert RemoteAction._validate_action_result is other


def test_another_rasa_version_stops_the_install(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")

    with pytest.raises(RasaMismatch, match="action_validation.*3.7.0"):
        action_validation.install()
