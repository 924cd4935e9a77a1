"""Rasa's private code that the project calls or overrides without replacing it.

Nothing here changes Rasa. But each name below is one Rasa does not promise to keep, and a
Rasa without it, or with other parameters, would break its user quietly or mid-conversation.
`check()` runs with the patches (server.patches.install) and stops the server the same way.
Written for Rasa 3.6.21.
"""

from __future__ import annotations

from typing import Any, Text, Tuple

from rasa.core.channels.slack import SlackBot, SlackInput
from rasa.core.channels.socketio import SocketIOOutput
from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
)
from rasa.shared.core.domain import Domain

from server.patches.guard import Patch

RASA_VERSION = "3.6.21"
RECENT_WINDOW = "server/store/recent_window.py"
SLACK = "server/channels/slack.py"
SOCKETIO = "server/channels/socketio.py"
WRAPPERS = "server/store/rasa_wrappers.py and server/store/forget.py"

# (who relies on it, owner, name, parameters in Rasa 3.6.21)
METHODS: Tuple[Tuple[Text, Any, Text, Text], ...] = (
    (RECENT_WINDOW, SQLTrackerStore, "_event_query",
     "(self, session, sender_id, fetch_events_from_all_sessions)"),
    (SLACK, SlackInput, "_validate_credentials", "(self)"),  # overridden
    (SLACK, SlackInput, "_is_user_message", "(slack_event)"),
    (SLACK, SlackInput, "_is_supported_channel", "(self, slack_event, metadata)"),
    (SLACK, SlackInput, "_get_conversation_id", "(self, sender_id, channel_id, thread_id)"),
    (SLACK, SlackInput, "_sanitize_user_message", "(text, uids_to_remove)"),
    (SLACK, SlackInput, "_is_interactive_message", "(payload)"),
    (SLACK, SlackInput, "_get_interactive_response", "(action)"),
    (SLACK, SlackBot, "_post_message", "(self, channel, **kwargs)"),
    (SOCKETIO, SocketIOOutput, "_send_message", "(self, socket_id, response)"),
)
# The recent window writes rows of Rasa's events table itself.
SQL_EVENT_COLUMNS = ("id", "sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")


def guard_for(who: Text) -> Patch:
    return Patch(f"{__name__} (for {who})", written_for=RASA_VERSION)


def wrappers_keep_the_store() -> bool:
    """Rasa's wrappers hold the configured store in `_tracker_store`, and the fail-safe one
    its in-memory fallback in `_fallback_tracker_store`."""
    inner, fallback = InMemoryTrackerStore(Domain.empty()), InMemoryTrackerStore(Domain.empty())
    fail_safe = FailSafeTrackerStore(inner, fallback_tracker_store=fallback)
    return (
        getattr(fail_safe, "_tracker_store", None) is inner
        and getattr(fail_safe, "_fallback_tracker_store", None) is fallback
        and getattr(AwaitableTrackerStore(inner), "_tracker_store", None) is inner
    )


def slack_keeps_background_tasks() -> bool:
    probe = SlackInput("probe-token", slack_signing_secret="probe-secret")
    return isinstance(getattr(probe, "_background_tasks", None), set)


def check() -> None:
    Patch(__name__, written_for=RASA_VERSION).require_version()
    for who, owner, name, expected in METHODS:
        guard_for(who).require_signature(owner, name, expected)
    columns = tuple(SQLTrackerStore.SQLEvent.__table__.columns.keys())
    guard_for(RECENT_WINDOW).require(
        columns == SQL_EVENT_COLUMNS, f"SQLTrackerStore.SQLEvent columns {SQL_EVENT_COLUMNS}",
        f"columns {columns}",
    )
    guard_for(WRAPPERS).require(
        wrappers_keep_the_store(),
        "FailSafeTrackerStore._tracker_store and ._fallback_tracker_store, "
        "AwaitableTrackerStore._tracker_store",
        "wrappers that keep the store elsewhere",
    )
    guard_for(SLACK).require(
        slack_keeps_background_tasks(), "SlackInput._background_tasks, a set",
        "a SlackInput without it",
    )
