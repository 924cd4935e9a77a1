"""The insights report as one HTML page: figures first, then a chart per question.

Everything is inline (style and SVG charts): the page opens offline and fetches nothing.
Every text from a conversation or a content file is escaped, and question texts come
masked (tools/insights_groups.py).
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

from tools.insights_charts import BLUE, GREY, VERMILLION, bar_chart
from tools.insights_report import KINDS, RED_FLAGS, Report, percent

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
.range { color: #555; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: .6rem .9rem; min-width: 9rem; }
.card b { display: block; font-size: 1.5rem; } .card span { color: #555; font-size: .85rem; }
svg.chart text { font: 13px system-ui, sans-serif; fill: #1b1b1b; }
.key i { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 .8rem; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } .none, .note { color: #555; }
ul.wordings { margin: 0; padding-left: 1.1rem; }
"""


def card(value: object, label: str) -> str:
    return f'<div class="card"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'


def key(*entries: Sequence[str]) -> str:
    return '<p class="key">' + "".join(f'<i style="background:{colour}"></i>{escape(name)}' for name, colour in entries) + "</p>"


def summary(report: Report) -> str:
    counts = report.counts
    helpful = sum(report.votes(topic)[0] for topic in counts.votes)
    unhelpful = sum(report.votes(topic)[1] for topic in counts.votes)
    return '<div class="cards">' + "".join((
        card(counts.conversations, "conversations"),
        card(counts.user_messages, f"messages from users ({counts.typed_messages} typed)"),
        card(sum(counts.answers.values()), "topic answers"),
        card(percent(counts.rate(counts.did_you_mean)), f"did-you-mean ({counts.did_you_mean} of the typed)"),
        card(percent(counts.rate(counts.out_of_scope)), f"out of scope ({counts.out_of_scope} of the typed)"),
        card(sum(counts.red_flags.values()), "red flags"),
        card(f"{helpful} / {unhelpful}", "helpful / not helpful votes"),
    )) + "</div>"


def answers(report: Report) -> str:
    rows = [(report.title(topic), [report.counts.answers[topic]]) for topic in report.topics() if report.counts.answers[topic]]
    return bar_chart(rows, [BLUE], "Answers per topic")


def votes(report: Report) -> str:
    rows = [(report.title(topic), list(report.votes(topic))) for topic in report.topics() if sum(report.votes(topic))]
    return key(("helpful", BLUE), ("not helpful", VERMILLION)) + bar_chart(rows, [BLUE, VERMILLION], "Votes per topic")


def red_flags(report: Report) -> str:
    rows = [(label, [report.counts.red_flags[intent]]) for intent, label in RED_FLAGS.items()]
    if not any(parts[0] for _, parts in rows):
        return '<p class="none">None in this period.</p>'
    return bar_chart(rows, [VERMILLION], "Red flags")


def wordings(examples: Iterable) -> str:
    return '<ul class="wordings">' + "".join(f"<li>{escape(text)} <span class=\"note\">({n})</span></li>" for text, n in examples) + "</ul>"


def unplaced(report: Report) -> str:
    grouping = report.grouping
    if not grouping.groups:
        return '<p class="none">None in this period.</p>'
    chart = bar_chart([(group.label, [group.messages]) for group in grouping.groups[:25]], [GREY], "Questions it could not place")
    rows = []
    for number, group in enumerate(grouping.groups, start=1):
        kinds = ", ".join(f"{KINDS.get(kind, kind)} {n}" for kind, n in group.kinds)
        nearest = escape(report.title(group.nearest_topic)) if group.nearest_topic else "–"
        rows.append(f'<tr><td class="n">{number}</td><td class="n">{group.messages}</td>'
                    f"<td>{wordings(group.examples)}</td><td>{escape(kinds)}</td><td>{nearest}</td></tr>")
    note = f'<p class="note">{grouping.ungrouped} more were only numbers, addresses or punctuation, or too rare to group.</p>' if grouping.ungrouped else ""
    return (chart + "<table><tr><th>#</th><th>messages</th><th>how people put it (masked, times sent)</th>"
            "<th>reply</th><th>closest topic</th></tr>" + "".join(rows) + "</table>" + note)


def render(report: Report) -> str:
    period = f"{report.first_day.isoformat()} to {report.last_day.isoformat()}"
    sections = (
        ("Answers per topic", "How often each topic was answered.", answers(report)),
        ("Was this helpful?", "Votes after an answer, for the topic the conversation was on.", votes(report)),
        ("Red flags", "Messages that got an urgent reply.", red_flags(report)),
        ("Questions it could not place",
         "Typed messages that got did-you-mean or the out-of-scope reply, grouped by similar words; "
         "numbers, emails, phone numbers and links are masked. Candidates for new topics or for "
         "more example questions in the closest topic.", unplaced(report)),
    )
    body = "".join(f"<h2>{escape(title)}</h2><p class=\"note\">{escape(text)}</p>{content}" for title, text, content in sections)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Insights {escape(period)}</title>'
        f"<style>{STYLE}</style></head><body><h1>What people asked the assistant</h1>"
        f'<p class="range">{escape(period)} (UTC days, both included). Deleted conversations are not counted. '
        f"Rates are shares of the typed messages.</p>{summary(report)}{body}</body></html>\n"
    )
