"""common/names.py: the names both servers share agree with domain.yml and the action server."""

from rasa.shared.core.domain import Domain
from rasa_sdk.executor import ActionExecutor

from actions.forget_me import ActionForgetMe
from common import names
from common.names import FORGET_ACTION, FORGET_CONFIRMATION
from tests.conftest import ROOT


def test_the_forget_action_and_its_confirmation_are_in_the_domain():
    domain = Domain.load(str(ROOT / "domain.yml"))
    assert FORGET_ACTION in domain.user_actions
    assert FORGET_CONFIRMATION in domain.responses
    assert domain.responses[FORGET_CONFIRMATION][0]["text"].strip()


def test_the_action_server_serves_the_forget_action_under_that_name():
    assert ActionForgetMe().name() == FORGET_ACTION
    executor = ActionExecutor()
    executor.register_package("actions")
    assert FORGET_ACTION in executor.actions


def test_names_follow_rasas_prefixes_and_the_module_imports_nothing():
    assert FORGET_ACTION.startswith("action_") and FORGET_CONFIRMATION.startswith("utter_")
    source = open(names.__file__, encoding="utf-8").read()
    assert [line for line in source.splitlines() if line.startswith(("import ", "from "))] == [
        "from __future__ import annotations"
    ]
