"""The test stories under tests/stories, evaluated on the model loaded in-process (what
`rasa test core` does): every story must be predicted correctly."""

import json

from rasa.core.test import test as evaluate_stories

from tests.conftest import FIGURES, ROOT
from tests.model.conftest import run

STORIES = ROOT / "tests" / "stories"
RESULTS = ROOT / "results" / "core"


def test_every_test_story_is_predicted_correctly(agent):
    RESULTS.mkdir(parents=True, exist_ok=True)
    run(evaluate_stories(str(STORIES), agent, out_directory=str(RESULTS), disable_plotting=True))
    stories = json.loads((RESULTS / "story_report.json").read_text())["conversation_accuracy"]
    failed = (RESULTS / "failed_test_stories.yml").read_text()
    FIGURES["test stories"] = f"{stories['correct']} of {stories['total']} stories predicted correctly"
    assert stories["correct"] == stories["total"], failed
