"""The REST channel's wait for a conversation's lock, on the real Redis of the stack.

After a replica dies holding a conversation's ticket, the retry's ticket expires about
when the dead one does. Rasa 3.6's lock then never serves the retry; take_turn does.
"""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.lock_store import RedisLockStore

from server.channels.idempotent_rest import take_turn

pytestmark = pytest.mark.server

LIFETIME_S = 1.0


def redis_lock_store(stack, prefix: str) -> RedisLockStore:
    return RedisLockStore(host="127.0.0.1", port=stack.redis.port, password=stack.redis.password,
                          db=1, key_prefix=prefix)


def test_a_retry_behind_a_dead_replicas_ticket_gets_the_lock(stack):
    store = redis_lock_store(stack, "taketurn")
    store.issue_ticket("conversation", LIFETIME_S)  # held by the replica that died

    ticket = asyncio.run(asyncio.wait_for(take_turn(store, "conversation", LIFETIME_S), 10))

    assert not store.get_lock("conversation").is_locked(ticket)
    store.cleanup("conversation", ticket)
    assert store.get_lock("conversation") is None


def test_rasas_own_lock_waits_for_ever_in_the_same_case(stack):
    """Why take_turn exists; if Rasa fixes its lock, this fails and take_turn can go."""
    store = redis_lock_store(stack, "rasalock")
    store.issue_ticket("conversation", LIFETIME_S)

    async def rasa_lock() -> None:
        async with store.lock("conversation", lock_lifetime=LIFETIME_S):
            pass

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(rasa_lock(), 5 * LIFETIME_S))
    store.delete_lock("conversation")
