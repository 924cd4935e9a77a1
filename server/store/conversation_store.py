"""Where conversations are kept: Rasa's SQL tracker store, for SQLite and PostgreSQL alike.

endpoints.yml names this class (`type: server.store.conversation_store.ConversationStore`) with
the same fields as Rasa's `type: SQL`. On top of Rasa's store it:

- creates the folder of a SQLite file (`.data/` by default), so `make run` needs no setup;
- reports an outage clearly: one ERROR line naming the store and the cause, never the SQL
  parameters (which hold message text), and `check()` for GET /health/store;
- deletes a conversation, and writes nothing back, when the user asked to be forgotten
  (server/store/forget.py);
- hands the processor only the recent turns of a conversation, so a turn costs the same
  at turn 100 as at turn 1, while every event stays stored (server/store/recent_window.py,
  `recent_turns`, 0 for the whole session).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, Optional, Text, Tuple

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from server.store.forget import forget_requested
from server.store.rasa_wrappers import unwrap  # noqa: F401  (server/channels/health.py)
from server.store.recent_window import DEFAULT_RECENT_TURNS, RecentWindow

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5


class TrackerStoreUnavailable(RasaException):
    """The database behind the tracker store cannot be reached or used."""


def describe(dialect: Text, host: Optional[Text], port: Optional[int], db: Text) -> Text:
    """The store as a log line names it: dialect, place and database, never a password."""
    if host and "://" in host:
        return repr(sa.engine.url.make_url(host))  # a full URL: repr hides its password
    if dialect == "sqlite":
        return f"sqlite:{db}"
    place = f"{host or 'localhost'}{f':{port}' if port else ''}"
    return f"{dialect}://{place}/{db}"


def cause(error: BaseException) -> Text:
    """The driver's first line ("connection refused", "unable to open database file")."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return f"{type(original).__name__}: {lines[0] if lines else 'no detail'}"


def engine_options(url: Any) -> Dict[Text, Any]:
    """Rasa's engine options, plus: no parameters in errors, and stale connections replaced."""
    options = create_engine_kwargs(url)
    # SQL errors would otherwise quote the stored event, message text included.
    options["hide_parameters"] = True
    parsed = sa.engine.url.make_url(url)
    backend = parsed.get_backend_name()
    # After a database server restart, pooled connections are dead: test each before use
    # (a SQLite file has no server to restart).
    options["pool_pre_ping"] = backend != "sqlite"
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # Keep connections open (SQLAlchemy 1.4 opens a new one per use of a SQLite file):
        # the write-ahead log below then saves a disk wait per commit. The Rasa server uses
        # them from its event loop; another thread may get one later, never two at once.
        options["poolclass"] = sa.pool.QueuePool
        options["connect_args"] = {**options.get("connect_args", {}), "check_same_thread": False}
    if backend == "postgresql":
        connect_args = dict(options.get("connect_args", {}))
        connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        options["connect_args"] = connect_args
    return options


def sqlite_settings(connection: Any, _record: Any) -> None:
    """Per connection to a SQLite file. WAL with synchronous=NORMAL: a commit no longer
    waits for the disk (load and save of a turn: 3.5 ms instead of 5.9 ms on the 2-core
    machine); a committed message survives a crash of the server, a power cut may lose the
    last commits. secure_delete: "forget me" and `make purge` overwrite what they delete
    instead of leaving it in free pages of the file (some builds do this by default)."""
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "secure_delete=ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def erase_deleted(engine: sa.engine.Engine) -> None:
    """After a delete: copies the write-ahead log of a SQLite file into it and empties the
    log, so the deleted messages are not left in the -wal file either."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def create_store_engine(url: Any) -> sa.engine.Engine:
    """An engine with the options above and, for SQLite, the settings above."""
    engine = sa.create_engine(url, **engine_options(url))
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", sqlite_settings)
    return engine


class ConversationStore(RecentWindow, SQLTrackerStore):
    def __init__(
        self,
        domain: Any = None,
        dialect: Text = "sqlite",
        host: Optional[Text] = None,
        port: Optional[int] = None,
        db: Text = "rasa.db",
        username: Optional[Text] = None,
        password: Optional[Text] = None,
        event_broker: Any = None,
        login_db: Optional[Text] = None,
        query: Optional[Dict] = None,
        recent_turns: int = DEFAULT_RECENT_TURNS,
        **kwargs: Any,
    ) -> None:
        self.recent_turns = int(recent_turns)
        self.label = describe(dialect, host, port, db)
        if dialect == "sqlite" and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        url = self.get_db_url(dialect, host, port, login_db or db, username, password, None, query)
        self._report_if_unreachable_at_start(url)
        super().__init__(
            domain, dialect, host, port, db, username, password, event_broker, login_db, query,
            **kwargs,
        )
        # Rasa made its engine without the options above: make it again with them.
        final_url = self.engine.url
        self.engine.dispose()
        self.engine = create_store_engine(final_url)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.available = True
        logger.info(f"Conversations are kept in the tracker store {self.label}.")

    def _report_if_unreachable_at_start(self, url: Any) -> None:
        # Rasa's own start-up loop retries every 5 s with a bare warning; say what it is.
        probe = sa.create_engine(url, **engine_options(url))
        try:
            with probe.connect():
                pass
        except sqlalchemy.exc.SQLAlchemyError as error:
            logger.error(
                f"Tracker store {self.label} is unavailable at start-up ({cause(error)}). "
                f"The Rasa server waits for it and retries every 5 s."
            )
        finally:
            probe.dispose()

    @contextlib.contextmanager
    def _reporting(self, operation: Text) -> Iterator[None]:
        """Turns a database error into one clear log line and TrackerStoreUnavailable."""
        try:
            yield
        except sqlalchemy.exc.SQLAlchemyError as error:
            self._mark_unavailable(operation, error)
            # `from None`: the chained SQL error would print the statement in the traceback.
            raise TrackerStoreUnavailable(
                f"Tracker store {self.label} is unavailable ({operation} failed)."
            ) from None
        self._mark_available()

    def _mark_unavailable(self, operation: Text, error: BaseException) -> None:
        self.available = False
        logger.error(
            f"Tracker store {self.label} is unavailable: {operation} failed ({cause(error)}). "
            f"Conversations cannot be loaded or saved until it is back; "
            f"GET /health/store answers 503."
        )

    def _mark_available(self) -> None:
        if not self.available:
            logger.info(f"Tracker store {self.label} is available again.")
        self.available = True

    def check(self) -> Tuple[bool, Text]:
        """Whether the database answers now, and why not if it does not."""
        try:
            with self._reporting("health check"), self.engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except TrackerStoreUnavailable as error:
            return False, str(error)
        return True, "ok"

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self._reporting("save"):
            if forget_requested(tracker):
                # Deleted when the action confirmed (server/store/forget.py): write
                # nothing back, and delete again in case the turn began with a save.
                self.delete_conversation(tracker.sender_id)
                return
            await super().save(tracker)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        with self._reporting("load"):
            return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        with self._reporting("load"):
            return await super().retrieve_full_tracker(conversation_id)

    async def keys(self) -> Iterable[Text]:
        with self._reporting("listing conversations"):
            return await super().keys()

    def delete_conversation(self, sender_id: Text) -> int:
        """Deletes every event of the conversation, all sessions; returns how many."""
        with self._reporting("delete"), self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        with self._reporting("delete"):
            erase_deleted(self.engine)
        return deleted

