"""The warning that quotes a user's message is silenced, and only while Rasa still raises it."""

import warnings

import pytest
import rasa

from server.patches import log_privacy
from server.patches.guard import RasaMismatch

QUOTED = "Failed to parse arguments in line '/what_is_nash and my private words'. Failed to ..."


def test_the_quoting_warning_is_silenced_and_others_are_not():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        log_privacy.install()
        warnings.warn(QUOTED)
        warnings.warn("another warning")

    assert [str(warning.message) for warning in caught] == ["another warning"]


def test_install_is_idempotent():
    with warnings.catch_warnings():
        log_privacy.install()
        filters = list(warnings.filters)
        log_privacy.install()
        assert warnings.filters == filters


def test_a_warning_rasa_no_longer_raises_stops_the_install(monkeypatch):
    monkeypatch.setattr(log_privacy, "QUOTING_WARNING", "A warning Rasa never raised")

    with pytest.raises(RasaMismatch, match="log_privacy.*A warning Rasa never raised"):
        log_privacy.install()


def test_another_rasa_version_stops_the_install(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.5.0")

    with pytest.raises(RasaMismatch, match="log_privacy.*3.5.0"):
        log_privacy.install()
