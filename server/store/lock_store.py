"""Per-conversation locks that never hang on an expired ticket (endpoints.yml: lock_store).

Rasa 3.6 orders the messages of a conversation with a ticket lock: each message takes a
ticket, with a lifetime, and waits until it is the first one left. A waiter whose own
ticket expired while it waited is never served: Rasa's lock() polls for ever. That happens
after a replica dies holding a conversation's ticket: the retry nginx sends to another
replica takes its ticket moments later, so it expires about when the dead one's does
(tests/integration/test_lock.py shows Rasa's lock hanging). The lock() of these stores
gives such a waiter a new ticket instead; the rest is Rasa's, through its public methods.

endpoints.yml names a class with the fields of Rasa's own store, for example
`lock_store: type: server.store.lock_store.RenewingRedisLockStore` with those of
`type: redis` (url, port, password, db, key_prefix...).
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


def holds(lock: TicketLock, ticket: int) -> bool:
    return any(held.number == ticket for held in lock.tickets)


class RenewsExpiredTickets(LockStore):
    """Rasa's lock(), except that a waiter whose ticket expired takes a new one."""

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is not None:
                    lock.remove_expired_tickets()
                if lock is None or not holds(lock, ticket):
                    # Expired while waiting (the lock may have gone with it): queue again.
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                if not lock.is_locked(ticket):
                    break
                await asyncio.sleep(wait_time_in_seconds)
                self.update_lock(conversation_id)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)


class RenewingRedisLockStore(RenewsExpiredTickets, RedisLockStore):
    """Rasa's Redis lock store, with the fields of `type: redis`, and the lock above."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **settings: Any) -> None:
        if endpoint_config is not None:
            # How Rasa builds `type: redis` from its endpoints.yml entry.
            settings = {"host": endpoint_config.url, **endpoint_config.kwargs, **settings}
        super().__init__(**settings)


class RenewingInMemoryLockStore(RenewsExpiredTickets, InMemoryLockStore):
    """Rasa's in-memory lock store (one process: development, tests), and the lock above."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None) -> None:
        # Rasa passes the endpoints.yml entry; an in-memory store has nothing to read there.
        super().__init__()
