"""`rasa test core` on the test stories under tests/stories, failing on any wrong prediction."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import FIGURES, ROOT

RESULTS = ROOT / "results" / "core"


def test_every_test_story_is_predicted_correctly(trained_model):
    stories = ROOT / "tests" / "stories"
    command = [
        str(Path(sys.executable).parent / "rasa"), "test", "core",
        "--stories", str(stories), "--model", str(trained_model), "--out", str(RESULTS),
        "--fail-on-prediction-errors",
    ]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    failed = RESULTS / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else completed.stdout[-4000:]
    assert completed.returncode == 0, details + completed.stderr[-2000:]
    count = sum(path.read_text().count("- story:") for path in stories.glob("test_*.yml"))
    FIGURES["test stories"] = f"{count} stories, all predicted correctly"
