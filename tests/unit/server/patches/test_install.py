"""One install, from server/__init__.py, for every patch; a Rasa they were not written for
stops the import of `server`, so Rasa cannot load any project module and start."""

import importlib

import pytest
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.processor import MessageProcessor

import server
from server import patches
from server.patches.guard import RasaMismatch


def installed():
    return (MessageProcessor._run_action, RemoteAction._validate_action_result, FormAction.run,
            MessageProcessor.parse_message, RulePolicy._rule_key_to_state)


def test_importing_server_installed_the_patches():
    run_action, validate, form_run, parse, rule_key_to_state = installed()
    assert run_action.apologises and form_run.keeps_safety and parse.reads_follow_ups
    assert validate is patches.action_validation.validate_action_result
    assert rule_key_to_state.cache_info().maxsize is None


def test_install_is_idempotent():
    before = installed()
    patches.install()
    patches.install()
    assert installed() == before
    assert not getattr(MessageProcessor._run_action.__wrapped__, "apologises", False)


def test_another_rasa_stops_the_import_of_server(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")

    with pytest.raises(RasaMismatch, match="3.7.0"):
        importlib.reload(server)
