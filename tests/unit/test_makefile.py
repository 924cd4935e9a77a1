"""The README's commands fail clearly where they cannot work."""

import subprocess

from tests.conftest import ROOT


def test_install_without_python_310_says_how_to_get_it():
    completed = subprocess.run(
        ["make", "install", "PY310=/nonexistent/python3.10"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode != 0
    assert "Rasa 3.6 needs Python 3.10" in completed.stderr
    assert "make PY310=/path/to/python3.10" in completed.stderr


def test_install_refuses_a_python_that_is_not_310():
    completed = subprocess.run(
        ["make", "install", "PY310=python3.11"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode != 0
    assert "needs Python 3.10" in completed.stderr


def dry_run(target: str) -> str:
    completed = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True,
                               timeout=60)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_make_audit_runs_pip_audit_and_npm_audit_outside_the_locked_environment():
    commands = dry_run("audit")
    assert ".tools/audit/bin/pip-audit" in commands and "--path .venv/lib/python3.10/site-packages" in commands
    assert "npm audit" in commands
    assert "uv sync" not in commands.split("pip-audit")[-1], "auditing never changes .venv"


def test_make_test_does_not_depend_on_an_advisory_feed():
    commands = dry_run("test")
    assert "pip-audit" not in commands and "npm audit" not in commands
