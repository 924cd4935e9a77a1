"""axe-core (from web/node_modules, injected into the page) on the widget, open and closed."""

from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.system.browser.conftest import DESKTOP
from tests.system.browser.widget import Widget
from tests.conftest import FIGURES, ROOT

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}));
        }"""
    )


@pytest.fixture
def scanned_page(browser):
    # The demo page's CSP allows scripts from its own server only; axe is injected inline.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    yield context.new_page()
    context.close()


def test_axe_finds_no_serious_or_critical_violations(stack, scanned_page):
    page = scanned_page
    assert AXE.is_file(), "run `make web` (npm ci installs axe-core)"
    page.goto(stack.web_url)
    widget = Widget(page)
    expect(widget.launcher).to_be_visible()
    closed = axe_violations(page)

    widget.open()
    widget.ask("what is masld")
    widget.wait_for_answer("what_is_fatty_liver")
    opened = axe_violations(page)

    by_impact = Counter()
    for violation in closed + opened:
        by_impact[violation["impact"]] += violation["nodes"]
    FIGURES["axe-core violations (closed + open widget, by impact: nodes)"] = (
        ", ".join(f"{impact}: {count}" for impact, count in sorted(by_impact.items())) or "none"
    )
    blocking = [v for v in closed + opened if v["impact"] in BLOCKING]
    assert blocking == [], blocking
