"""The SQL tracker store an endpoints file names, read as the Rasa server reads it.

Shared by the command-line tools that work on stored conversations (`make purge`,
`make insights`): the same fields and ${ENV} values as the servers, a label that names the
database but never its password, and whether a SQLite file exists yet.
"""

from __future__ import annotations

import os
from typing import Optional

from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from server.store.conversation_store import describe

SQL_STORE_TYPES = {"sql", "server.store.conversation_store.conversationstore"}


class StoreError(Exception):
    """A problem the user can fix; its text says how."""


def store_config(endpoints_path: str) -> EndpointConfig:
    if not os.path.isfile(endpoints_path):
        raise StoreError(f"no endpoints file at {endpoints_path}")
    config = read_endpoint_config(endpoints_path, "tracker_store")
    if config is None or (config.type or "").lower() not in SQL_STORE_TYPES:
        raise StoreError(
            f"{endpoints_path} has no SQL tracker store (tracker_store: type "
            f"server.store.conversation_store.ConversationStore or SQL)."
        )
    return config


def port_of(config: EndpointConfig) -> Optional[int]:
    port = config.kwargs.get("port")
    return int(port) if port else None


def store_label(config: EndpointConfig) -> str:
    """As the store's log lines name it: `sqlite:.data/conversations.db`, `postgresql://db:5432/rasa`."""
    settings = config.kwargs
    return describe(settings.get("dialect", "sqlite"), config.url, port_of(config), settings.get("db", "rasa.db"))


def database_exists(config: EndpointConfig) -> bool:
    """False for a SQLite file not yet created (the assistant has not run yet)."""
    settings = config.kwargs
    if settings.get("dialect", "sqlite") != "sqlite" or config.url:
        return True
    return os.path.isfile(settings.get("db", "rasa.db"))
