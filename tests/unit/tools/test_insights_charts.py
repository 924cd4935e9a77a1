"""The inline SVG bars: lengths in proportion, stacked parts, labels escaped and shortened."""

import re
from html import unescape

from tools.insights_charts import LABEL_WIDTH, MAX_LABEL, VALUE_WIDTH, WIDTH, bar_chart


def widths(svg):
    return [float(width) for width in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]


def test_bars_are_in_proportion_and_parts_are_stacked():
    svg = bar_chart([("coffee", [4, 0]), ("diet", [1, 1])], ["blue", "red"], "Votes")
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    assert widths(svg) == [room, room / 4, room / 4], "a zero part draws nothing"
    assert '<rect x="{:.1f}" y="28" width="{:.1f}" height="18" fill="red"/>'.format(LABEL_WIDTH + room / 4, room / 4) in svg
    assert "<title>Votes</title>" in svg and ">4 / 0</text>" in svg and ">1 / 1</text>" in svg


def test_labels_are_escaped_and_long_ones_shortened_with_the_whole_in_the_tooltip():
    long = "<b>A very long topic title that goes on & on and on</b>"
    svg = bar_chart([(long, [2])], ["blue"], "Answers")
    assert "<b>" not in svg and "&lt;b&gt;A very long" in svg
    shown = re.search(r'text-anchor="end">([^<]*)</text>', svg).group(1)
    assert shown.endswith("…") and len(unescape(shown)) == MAX_LABEL
    assert "<title>&lt;b&gt;A very long topic title that goes on &amp; on and on&lt;/b&gt;: 2</title>" in svg


def test_no_rows_say_so_instead_of_an_empty_chart():
    assert bar_chart([], ["blue"], "Answers") == '<p class="none">None in this period.</p>'
