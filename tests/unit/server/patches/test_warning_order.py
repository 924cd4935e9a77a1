"""The wrap of Rasa's _filter_warnings: our PYTHONWARNINGS filters end up in front of Rasa's,
once, and only on the Rasa it was written for."""

import sys
import warnings

import pytest
import rasa
import rasa.utils.common as rasa_common

from server.patches import log_privacy, warning_order
from server.patches.guard import RasaMismatch


@pytest.fixture
def rasas_own(monkeypatch):
    """Rasa's function as installed, restored after the test; filters restored too."""
    monkeypatch.setattr(rasa_common, "_filter_warnings", rasa_common._filter_warnings)
    with warnings.catch_warnings():
        yield


def test_our_filter_stays_in_front_of_rasas(rasas_own, monkeypatch):
    monkeypatch.setattr(sys, "warnoptions", ["ignore::UserWarning:tests.noisy"])
    warning_order.install()
    rasa_common._filter_warnings(None)  # what Rasa's command line runs: UserWarnings "once"
    with warnings.catch_warnings(record=True) as shown:
        warnings.warn_explicit("noisy", UserWarning, "noisy.py", 1, module="tests.noisy")
        warnings.warn_explicit("ours", UserWarning, "ours.py", 1, module="server.something")
    assert [str(warning.message) for warning in shown] == ["ours"]


def test_the_filter_that_keeps_message_text_out_stays_first(rasas_own, monkeypatch):
    monkeypatch.setattr(sys, "warnoptions", ["ignore::UserWarning:tests.noisy"])
    warning_order.install()
    rasa_common._filter_warnings(None)
    with warnings.catch_warnings(record=True) as shown:
        warnings.warn(f"{log_privacy.QUOTING_WARNING} line '/what_is_nash my secret'", UserWarning)
    assert shown == []


def test_install_wraps_once(rasas_own):
    warning_order.install()
    wrapped = rasa_common._filter_warnings
    warning_order.install()
    assert rasa_common._filter_warnings is wrapped


def test_another_signature_stops_the_install(rasas_own, monkeypatch):
    monkeypatch.setattr(rasa_common, "_filter_warnings", lambda level: None)
    with pytest.raises(RasaMismatch, match="_filter_warnings"):
        warning_order.install()


def test_another_rasa_version_stops_the_install(rasas_own, monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.6.22")
    with pytest.raises(RasaMismatch, match="3.6.22"):
        warning_order.install()
