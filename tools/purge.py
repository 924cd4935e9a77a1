"""Retention: deletes every conversation whose last event is older than N days.

    make purge DAYS=30
    .venv/bin/python -m tools.purge --days 30 [--endpoints endpoints.yml]

Works on the SQL tracker store named in the endpoints file (SQLite or PostgreSQL), with
the same settings the Rasa server reads, ${ENV} values included. It prints counts only,
never a conversation id or text. Safe to run while the assistant is running.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from typing import Optional, Sequence, Tuple

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import EndpointConfig

from server.store.conversation_store import cause, create_store_engine, erase_deleted
from tools.store_endpoint import StoreError, database_exists, port_of, store_config, store_label

SECONDS_PER_DAY = 86400
EVENTS = SQLTrackerStore.SQLEvent.__table__


def engine_and_label(config: EndpointConfig) -> Tuple[sa.engine.Engine, str]:
    settings = config.kwargs
    url = SQLTrackerStore.get_db_url(
        settings.get("dialect", "sqlite"), config.url, port_of(config), settings.get("db", "rasa.db"),
        settings.get("username"), settings.get("password"), None, settings.get("query"),
    )
    return create_store_engine(url), store_label(config)


def purge(engine: sa.engine.Engine, days: float, now: Optional[float] = None) -> Tuple[int, int, int]:
    """Deletes conversations idle for more than `days`; (deleted, events deleted, kept)."""
    if not sa.inspect(engine).has_table(EVENTS.name):
        return 0, 0, 0
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    stale = (
        sa.select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(sa.func.max(EVENTS.c.timestamp) < cutoff)
    )
    with engine.begin() as connection:
        conversations = connection.execute(
            sa.select(sa.func.count()).select_from(stale.subquery())
        ).scalar_one()
        # One statement, so a conversation that gets a new message meanwhile is kept.
        events = connection.execute(
            EVENTS.delete().where(EVENTS.c.sender_id.in_(stale.scalar_subquery()))
        ).rowcount
        kept = connection.execute(
            sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id)))
        ).scalar_one()
    erase_deleted(engine)
    return conversations, events, kept


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, required=True, help="keep conversations active in the last N days (N >= 1)")
    parser.add_argument("--endpoints", default="endpoints.yml", help="endpoints file naming the tracker store")
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be 1 or more")
    # Rasa's URL builder warns about an SQLAlchemy deprecation on every call.
    warnings.filterwarnings("ignore", category=sqlalchemy.exc.SADeprecationWarning)
    label = args.endpoints
    try:
        config = store_config(args.endpoints)
        engine, label = engine_and_label(config)
        if not database_exists(config):
            print(f"No conversations stored yet in {label}: nothing to purge.")
            return 0
        try:
            deleted, events, kept = purge(engine, args.days)
        finally:
            engine.dispose()
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except sqlalchemy.exc.SQLAlchemyError as error:
        print(f"error: tracker store {label} is unavailable ({cause(error)})", file=sys.stderr)
        return 1
    print(
        f"Purged {deleted} conversations ({events} events) idle for more than {args.days} days "
        f"from {label}; {kept} conversations kept."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
