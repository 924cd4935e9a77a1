"""The HTML page: the figures, escaped texts, and nothing it would fetch."""

import datetime as dt
import re
from collections import Counter

from tools.insights_counts import OUT_OF_SCOPE, Counts
from tools.insights_groups import Group, Grouping
from tools.insights_html import render
from tools.insights_report import Report


def page(groups=(), **counts):
    return render(Report(dt.date(2026, 11, 1), dt.date(2026, 11, 30), Counts(**counts), Grouping(groups, 0),
                         {"coffee": "Coffee & the liver"}))


def test_the_figures_are_on_the_page():
    html = page(conversations=7, user_messages=20, typed_messages=16, did_you_mean=4, out_of_scope=2,
                answers=Counter(coffee=9), red_flags=Counter(crisis=1), votes={"coffee": Counter(helpful=3, not_helpful=1)})
    for figure in ("<b>7</b><span>conversations</span>", "<b>20</b><span>messages from users (16 typed)</span>",
                   "<b>9</b><span>topic answers</span>", "<b>25.0%</b><span>did-you-mean (4 of the typed)</span>",
                   "<b>12.5%</b><span>out of scope (2 of the typed)</span>", "<b>1</b><span>red flags</span>",
                   "<b>3 / 1</b><span>helpful / not helpful votes</span>", "<title>Coffee &amp; the liver: 9</title>",
                   "<title>Coffee &amp; the liver: 3 + 1</title>", "<title>Thoughts of self-harm: 1</title>",
                   "2026-11-01 to 2026-11-30"):
        assert figure in html


def test_question_texts_are_escaped_and_the_page_fetches_nothing():
    groups = (Group(2, (("<script>alert(1)</script>", 2),), ((OUT_OF_SCOPE, 2),), "coffee"),)
    html = page(groups)
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "out of scope 2" in html and "Coffee &amp; the liver" in html
    assert not re.search(r"""(src|href)=|@import|url\(|https?:""", html), "self-contained: no link, script or font to fetch"


def test_an_empty_period_says_none_instead_of_charts():
    html = page()
    assert "<svg" not in html and html.count("None in this period.") == 4
