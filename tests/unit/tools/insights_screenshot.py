"""Takes the screenshot of docs/operations.md ("Insights for the content team"): the report
of a store seeded with the known conversations of test_insights.py, and a few more so the
charts have something to show, in Debian's Chromium.

    .venv/bin/python -m tests.unit.tools.insights_screenshot docs/insights-report.png
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from rasa.shared.core.domain import Domain

from server.store.conversation_store import ConversationStore
from tools import insights
from tests.conftest import ROOT
from tests.system.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.unit.tools.test_insights import (
    FROM, TO, did_you_mean, endpoints_file, save, seed_store, session, said, topic_turn, vote, when,
)

# (topic, answers, helpful, not helpful) and questions it could not place: a fixed sample.
ANSWERED = [("what_is_fatty_liver", 9, 3, 0), ("diet", 7, 2, 1), ("coffee", 5, 2, 0), ("weight_loss_target", 4, 1, 2),
            ("alcohol", 3, 0, 1), ("sleep", 2, 1, 0)]
UNPLACED = [("is turmeric good for the liver", "supplements_and_herbs"), ("turmeric supplements?", "supplements_and_herbs"),
            ("can I take milk thistle", "supplements_and_herbs"), ("what about gallstones", "symptoms_and_signs"),
            ("gallstones and fatty liver", "symptoms_and_signs"), ("is hepatitis c the same", "what_is_fatty_liver"),
            ("can i eat bananas", "diet")]


async def seed_more(store: ConversationStore) -> None:
    at = when(11, 20)
    for number, (topic, answers, helpful, unhelpful) in enumerate(ANSWERED):
        events = session(at)
        for turn in range(answers):
            events += topic_turn(f"{topic} question", topic, at + turn)
            if turn < helpful + unhelpful:
                events += vote(turn < helpful, at + turn)
        await save(store, f"demo-{number}", events)
    events = session(at) + said("I feel shaky and sweaty, sugar is 50", "emergency_low_blood_sugar", "utter_emergency_low_blood_sugar", at)
    for turn, (text, nearest) in enumerate(UNPLACED):
        events += did_you_mean(text, at + turn, [nearest])
    await save(store, "demo-unplaced", events)


def main(target: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="insights-screenshot-"))
    store = ConversationStore(domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(folder / "c.db"))
    try:
        asyncio.run(seed_store(store))
        asyncio.run(seed_more(store))
    finally:
        store.engine.dispose()
    endpoints = endpoints_file(folder, {"dialect": "sqlite", "db": str(folder / "c.db")})
    assert insights.main(["--from", FROM, "--to", TO, "--endpoints", str(endpoints), "--out", str(folder)]) == 0
    report = folder / f"insights-{FROM}-to-{TO}.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(report.as_uri())
        page.screenshot(path=target, full_page=True)
        browser.close()
    print(f"Screenshot of {report}: {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/insights-report.png")
