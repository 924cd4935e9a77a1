"""`python -m server.launch`: `rasa run` with the HTTP API token from the environment only.

No server is started: the flags it refuses stop it before Rasa runs, and for the rest
Rasa's own command line runs in a child process whose `rasa run` function (the one that
would start the server) only reports the arguments it was given. How the patch itself
rebinds `rasa run`: tests/unit/server/patches/test_api_token_from_environment.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import rasa.cli.run

from server import launch
from server.patches.api_token_from_environment import TOKEN_ENV
from tests.conftest import ROOT

TOKEN = "launch-test-token-0123456789abcdef"


@pytest.mark.parametrize("argv, refused", [
    (["--auth-token", "s3cret"], ["--auth-token"]),
    (["--auth-token=s3cret"], ["--auth-token=s3cret"]),
    (["--port", "5005", "--enable-api"], ["--enable-api"]),
    (["--jwt-secret", "k", "--jwt-private-key", "key.pem"], ["--jwt-secret", "--jwt-private-key"]),
    (["--jwt-secret=k", "--cors", "*", "--enable-api"], ["--jwt-secret=k", "--enable-api"]),
    (["--port", "5005", "--credentials", "credentials.yml", "--cors", "https://www.example.org"], []),
    ([], []),
])
def test_refused_flags_names_each_flag_that_would_turn_the_api_on(argv, refused):
    assert launch.refused_flags(argv) == refused


def test_flags_that_only_begin_like_a_refused_one_are_not_refused():
    assert launch.refused_flags(["--auth-token-file", "x", "--enable-apis", "--port", "--"]) == []


def test_abbreviations_rasa_would_accept_are_refused_too():
    argv = ["--jwt-sec", "k", "--auth-tok=t", "--enable-a", "--port", "5005"]
    assert launch.refused_flags(argv) == ["--jwt-sec", "--auth-tok=t", "--enable-a"]


@pytest.fixture
def rasa_run_calls(monkeypatch):
    """Rasa's `rasa run`, replaced: nothing may reach it when a flag is refused."""
    calls = []
    monkeypatch.setattr(rasa.cli.run, "run", lambda args: calls.append(args))
    return calls


@pytest.mark.parametrize("flag", launch.REFUSED_FLAGS)
def test_a_refused_flag_stops_before_rasa_runs(flag, rasa_run_calls, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["server.launch", "--port", "5005", flag, "value-on-the-command-line"])
    replaced = rasa.cli.run.run

    with pytest.raises(SystemExit) as stopped:
        launch.main()

    message = str(stopped.value.code)
    assert message.startswith(f"error: {flag}:") and TOKEN_ENV in message and "ps" in message
    assert "value-on-the-command-line" not in message
    assert rasa_run_calls == [] and rasa.cli.run.run is replaced, "the patch was not even installed"


def test_every_refused_flag_is_named_at_once(rasa_run_calls, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["server.launch", "--enable-api", "--auth-token=x"])

    with pytest.raises(SystemExit, match="--enable-api, --auth-token=x: set RASA_AUTH_TOKEN"):
        launch.main()


# Rasa's command line in a child process: it configures logging, TensorFlow and telemetry
# for the whole process, which the other tests must not inherit.
CHILD = r"""
import json, os, sys
import rasa.cli.run

runs = []

def run(args):  # what `rasa run` calls to start the server
    runs.append({name: getattr(args, name, None) for name in
                 ("enable_api", "auth_token", "jwt_secret", "port", "credentials", "cors")})

rasa.cli.run.run = run
from server import launch

for case in json.loads(sys.argv[1]):
    os.environ.pop("RASA_AUTH_TOKEN", None)
    if case["token"] is not None:
        os.environ["RASA_AUTH_TOKEN"] = case["token"]
    sys.argv = ["server.launch", *case["argv"]]
    launch.main()
print("RUNS " + json.dumps(runs))
"""

CASES = {
    "token": {"token": f"  {TOKEN}\n", "argv": ["--port", "5006", "--credentials", "credentials.yml"]},
    "no token": {"token": None, "argv": ["--cors", "https://www.example.org"]},
    "empty token": {"token": "   ", "argv": []},
}


@pytest.fixture(scope="module")
def runs():
    """The arguments `rasa run` got in each case of CASES."""
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop(TOKEN_ENV, None)
    child = subprocess.run([sys.executable, "-c", CHILD, json.dumps(list(CASES.values()))],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    lines = [line for line in child.stdout.splitlines() if line.startswith("RUNS ")]
    assert child.returncode == 0 and lines, child.stderr[-3000:]
    return dict(zip(CASES, json.loads(lines[-1][len("RUNS "):])))


def test_the_token_in_the_environment_turns_the_api_on_for_it_alone(runs):
    run = runs["token"]
    assert (run["enable_api"], run["auth_token"], run["jwt_secret"]) == (True, TOKEN, None)
    assert (run["port"], run["credentials"]) == (5006, "credentials.yml"), "other flags reach Rasa"


@pytest.mark.parametrize("case", ["no token", "empty token"])
def test_without_a_token_the_api_stays_off(runs, case):
    assert (runs[case]["enable_api"], runs[case]["auth_token"]) == (False, None)
