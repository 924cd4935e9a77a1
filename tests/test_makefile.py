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
