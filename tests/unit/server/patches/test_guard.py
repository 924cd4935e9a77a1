"""The guard stops a patch with a clear error when Rasa is not what it was written for."""

import pytest
import rasa

from server.patches.guard import Patch, RasaMismatch, parameters

PATCH = Patch("example", written_for=rasa.__version__)


class Owner:
    def method(self, first: int, *rest: str, flag: bool = False, **options: object) -> None:
        pass


class Heir(Owner):
    pass


def test_parameters_are_compared_without_annotations():
    assert parameters(Owner.method) == "(self, first, *rest, flag=False, **options)"


def test_another_rasa_version_is_refused_naming_both(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")

    with pytest.raises(RasaMismatch) as raised:
        PATCH.require_version()

    message = str(raised.value)
    assert "Patch example" in message and "3.7.0" in message and PATCH.written_for in message


def test_the_target_with_the_expected_parameters_is_returned():
    assert PATCH.require_signature(Owner, "method", "(self, first, *rest, flag=False, **options)") is Owner.method


def test_other_parameters_are_refused_naming_both():
    with pytest.raises(RasaMismatch) as raised:
        PATCH.require_signature(Owner, "method", "(self, first)")

    message = str(raised.value)
    assert "Owner.method(self, first)" in message
    assert "Owner.method(self, first, *rest, flag=False, **options)" in message


def test_a_target_the_owner_does_not_define_itself_is_refused():
    with pytest.raises(RasaMismatch, match="no method defined on .*Heir"):
        PATCH.require_signature(Heir, "method", "(self, first, *rest, flag=False, **options)")


def test_a_failed_condition_is_refused_with_what_was_expected_and_found():
    with pytest.raises(RasaMismatch, match="expects a warning text, as in Rasa .* has no such warning"):
        PATCH.require(False, "a warning text", "no such warning")
