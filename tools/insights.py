"""Insights for the content team: what people asked, over a date range, as an HTML report.

    make insights                                  # the last 30 days, today included
    make insights FROM=2026-11-01 TO=2026-11-30    # UTC days, both included
    .venv/bin/python -m tools.insights [--from DAY] [--to DAY] [--out reports] [--endpoints endpoints.yml]

Reads the tracker store the endpoints file names (SQLite or PostgreSQL, ${ENV} values
included, as the servers read it), counts conversations, messages, answers per topic, the
did-you-mean and out-of-scope rates, red flags and the helpful/not helpful votes, groups
the questions it could not place, and writes an HTML report and a CSV to the folder. It
prints their paths, nothing of a conversation. Deleted conversations are not in the store,
so not in the report. docs/operations.md, "Insights for the content team".
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import warnings
from pathlib import Path
from typing import Optional, Sequence, Tuple

import sqlalchemy.exc
from rasa.shared.core.domain import Domain
from rasa.shared.exceptions import ConnectionException
from rasa.utils.endpoints import EndpointConfig

from common.content import load_topics
from server.store.conversation_store import TrackerStoreUnavailable, cause
from tools.insights_counts import ConversationWalk, Counts
from tools.insights_groups import group
from tools.insights_html import render
from tools.insights_report import Report, write_csv
from tools.insights_store import close, conversations, conversations_in_range, open_store
from tools.store_endpoint import StoreError, database_exists, store_config, store_label

DEFAULT_DAYS = 30
DAY = dt.timedelta(days=1)


def day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2026-11-30") from None


def days(first: Optional[dt.date], last: Optional[dt.date], today: dt.date) -> Tuple[dt.date, dt.date]:
    """The first and last day (both included); by default the last 30 days, today included."""
    last = last or today
    first = first or last - (DEFAULT_DAYS - 1) * DAY
    if first > last:
        raise StoreError(f"FROM ({first}) is after TO ({last})")
    return first, last


def seconds(first: dt.date, last: dt.date) -> Tuple[float, float]:
    """From the first day's midnight (UTC) to the midnight after the last day."""
    def midnight(date: dt.date) -> float:
        return dt.datetime.combine(date, dt.time(), tzinfo=dt.timezone.utc).timestamp()

    return midnight(first), midnight(last + DAY)


async def build(config: EndpointConfig, domain: Domain, first: dt.date, last: dt.date) -> Report:
    topics = load_topics()
    start, end = seconds(first, last)
    store, counts = open_store(config, domain), Counts()
    try:
        async for events in conversations(store, conversations_in_range(store, start, end)):
            ConversationWalk(counts, start, end, topics).walk(events)
    finally:
        close(store)
    titles = {topic_id: topic.title for topic_id, topic in topics.items()}
    return Report(first, last, counts, group(counts.unplaced), titles)


def write(report: Report, folder: Path) -> Tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    html, csv = folder / f"{report.name}.html", folder / f"{report.name}.csv"
    html.write_text(render(report), encoding="utf-8")
    write_csv(report, csv)
    return html, csv


def main(argv: Optional[Sequence[str]] = None, today: Optional[dt.date] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", type=day, help="first day, e.g. 2026-11-01 (default: 29 days before --to)")
    parser.add_argument("--to", dest="last", type=day, help="last day, included (default: today, UTC)")
    parser.add_argument("--out", default="reports", type=Path, help="folder for the report (default: reports)")
    parser.add_argument("--endpoints", default="endpoints.yml", help="endpoints file naming the tracker store")
    parser.add_argument("--domain", default="domain.yml", help="the assistant's domain (its slots)")
    args = parser.parse_args(argv)
    # Rasa's URL builder warns about an SQLAlchemy deprecation on every call.
    warnings.filterwarnings("ignore", category=sqlalchemy.exc.SADeprecationWarning)
    label = args.endpoints
    try:
        first, last = days(args.first, args.last, today or dt.datetime.now(dt.timezone.utc).date())
        config = store_config(args.endpoints)
        label = store_label(config)
        if not database_exists(config):
            print(f"No conversations stored yet in {label}: no report.")
            return 0
        report = asyncio.run(build(config, Domain.load(args.domain), first, last))
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (sqlalchemy.exc.SQLAlchemyError, TrackerStoreUnavailable, ConnectionException) as error:
        print(f"error: tracker store {label} is unavailable ({cause(error)})", file=sys.stderr)
        return 1
    html, csv = write(report, args.out)
    print(f"Insights report: {html}\nThe same figures as CSV: {csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
