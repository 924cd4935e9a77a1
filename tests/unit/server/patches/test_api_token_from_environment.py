"""`rasa run` takes the HTTP API token from the environment, on the Rasa it was written for."""

import argparse

import pytest
import rasa
import rasa.cli.run

from server.patches import api_token_from_environment as patch
from server.patches.guard import RasaMismatch


@pytest.fixture
def runs(monkeypatch):
    """Rasa's `rasa run` replaced by one with its parameters that records its arguments."""
    calls = []

    def run(args):
        calls.append(args)

    monkeypatch.setattr(rasa.cli.run, "run", run)
    return calls


def run_as_rasa_parses(arguments):
    parser = argparse.ArgumentParser()
    rasa.cli.run.add_subparser(parser.add_subparsers(), parents=[])
    args = parser.parse_args(["run", *arguments])
    args.func(args)


def test_the_token_set_in_the_environment_turns_the_api_on_for_it(runs, monkeypatch):
    monkeypatch.setenv(patch.TOKEN_ENV, " a-long-token ")
    patch.install()

    run_as_rasa_parses(["--port", "5006"])

    assert (runs[0].enable_api, runs[0].auth_token, runs[0].port) == (True, "a-long-token", 5006)


def test_without_the_token_the_api_stays_off(runs, monkeypatch):
    monkeypatch.delenv(patch.TOKEN_ENV, raising=False)
    patch.install()

    run_as_rasa_parses([])

    assert (runs[0].enable_api, runs[0].auth_token) == (False, None)


def test_install_is_idempotent(runs):
    patch.install()
    installed = rasa.cli.run.run
    patch.install()

    assert rasa.cli.run.run is installed


def test_another_signature_stops_the_install(monkeypatch):
    def run(args, extra):
        pass

    monkeypatch.setattr(rasa.cli.run, "run", run)

    with pytest.raises(RasaMismatch, match=r"api_token_from_environment.*run\(args\).*run\(args, extra\)"):
        patch.install()
    assert rasa.cli.run.run is run


def test_another_rasa_version_stops_the_install(runs, monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.6.0")

    with pytest.raises(RasaMismatch, match="api_token_from_environment.*3.6.0"):
        patch.install()
