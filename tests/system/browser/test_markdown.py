"""The markdown subset of bot messages, rendered and sanitised by the widget in Chromium."""

import pytest

from tests.system.browser.widget import Widget


@pytest.fixture
def demo_page(stack, page):
    page.goto(stack.web_url)
    Widget(page).launcher.wait_for()
    return page


@pytest.fixture
def render(demo_page):
    return lambda text: demo_page.evaluate("text => LiverInsightChat.renderMarkdown(text)", text)


def test_bold_lists_and_links(render):
    html = render("Try **three** things:\n- walk\n- sleep\n\n1. one\n2. two\n\nSee [NIDDK](https://www.niddk.nih.gov/).")
    assert "<strong>three</strong>" in html
    assert "<ul><li>walk</li><li>sleep</li></ul>" in html
    assert "<ol><li>one</li><li>two</li></ol>" in html
    assert '<a href="https://www.niddk.nih.gov/" target="_blank" rel="noopener noreferrer">NIDDK</a>' in html


def test_bare_links_become_links(render):
    assert '<a href="https://doi.org/10.1016/x" target="_blank" rel="noopener noreferrer">' in render(
        "Read https://doi.org/10.1016/x."
    )


UNSAFE_PARTS = """html => {
    const template = document.createElement("template");
    template.innerHTML = html;
    const unsafe = [];
    for (const node of template.content.querySelectorAll("*")) {
        if (!["P", "BR", "STRONG", "EM", "UL", "OL", "LI", "A"].includes(node.tagName)) unsafe.push(node.tagName);
        for (const attribute of node.attributes) {
            if (attribute.name.startsWith("on")) unsafe.push(attribute.name);
            if (attribute.name === "href" && !/^(https?:|mailto:)/i.test(attribute.value)) unsafe.push(attribute.value);
        }
    }
    return unsafe;
}"""


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "**<svg onload=alert(1)>**",
        "[x](https://example.org\" onmouseover=\"alert(1))",
    ],
)
def test_markup_in_bot_text_stays_text_and_nothing_unsafe_survives(demo_page, render, text):
    html = render(text)
    assert demo_page.evaluate(UNSAFE_PARTS, html) == [], html


def test_link_text_never_becomes_an_attribute(render):
    # A URL inside a link's URL: the old converter made a second link inside the first
    # one's href, turning "onmouseover=..." into an attribute (only DOMPurify stopped it).
    attack = "[T](https://a(https://x/x/onmouseover=alert`1`//)"
    assert render(attack) == (
        '<p><a href="https://a(https://x/x/onmouseover=alert`1`//" target="_blank" '
        'rel="noopener noreferrer">T</a></p>'
    )
    assert render('[x](https://example.org" onmouseover="alert(1))').count("<a ") == 1
