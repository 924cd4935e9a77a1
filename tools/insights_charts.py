"""Bar charts as inline SVG, so the report is one file that opens anywhere, offline.

No chart library and no CDN: a report of health conversations should not make the
browser fetch anything, and a few horizontal bars need nothing more.
"""

from __future__ import annotations

from html import escape
from typing import Sequence, Tuple

WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 18
MAX_LABEL = 42
# Colour-blind-safe pair (Okabe-Ito blue and vermillion); one colour per stacked part.
BLUE, VERMILLION, GREY = "#0072B2", "#D55E00", "#7F7F7F"


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(rows: Sequence[Tuple[str, Sequence[int]]], colours: Sequence[str], title: str) -> str:
    """Horizontal bars, one row per (label, parts); the parts are stacked in `colours`."""
    if not rows:
        return '<p class="none">None in this period.</p>'
    longest = max(sum(parts) for _, parts in rows) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(rows) + 4
    out = [f'<svg class="chart" role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">'
           f'<title>{escape(title)}</title>']
    for index, (label, parts) in enumerate(rows):
        top = index * ROW_HEIGHT + 2
        middle = top + BAR_HEIGHT / 2 + 4
        out.append(f'<g><title>{escape(label)}: {" + ".join(map(str, parts))}</title>'
                   f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end">{escape(short(label))}</text>')
        x = float(LABEL_WIDTH)
        for value, colour in zip(parts, colours):
            length = room * value / longest
            if length:
                out.append(f'<rect x="{x:.1f}" y="{top}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>')
            x += length
        out.append(f'<text x="{x + 6:.1f}" y="{middle}">{" / ".join(map(str, parts))}</text></g>')
    out.append("</svg>")
    return "".join(out)
