"""The lock store deploy/endpoints.yml names, on the real Redis of the stack.

After a replica dies holding a conversation's ticket, the retry's ticket expires about
when the dead one does. Rasa 3.6's lock then never serves the retry;
server.store.lock_store.RenewingRedisLockStore does.
"""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.lock_store import RedisLockStore

from server.store.lock_store import RenewingRedisLockStore

pytestmark = pytest.mark.server

LIFETIME_S = 1.0


def redis_settings(stack, prefix: str) -> dict:
    return dict(host="127.0.0.1", port=stack.redis.port, password=stack.redis.password, db=1,
                key_prefix=prefix)


async def retry_behind_a_dead_replica(store: RedisLockStore) -> None:
    store.issue_ticket("conversation", LIFETIME_S)  # held by the replica that died
    async with store.lock("conversation", lock_lifetime=LIFETIME_S):
        pass


def test_a_retry_behind_a_dead_replicas_ticket_gets_the_lock(stack):
    store = RenewingRedisLockStore(**redis_settings(stack, "renewing"))

    asyncio.run(asyncio.wait_for(retry_behind_a_dead_replica(store), 10))

    assert store.get_lock("conversation") is None


def test_rasas_own_lock_waits_for_ever_in_the_same_case(stack):
    """Why RenewingRedisLockStore exists; if Rasa fixes its lock, this fails and it can go."""
    store = RedisLockStore(**redis_settings(stack, "rasalock"))

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(retry_behind_a_dead_replica(store), 5 * LIFETIME_S))
    store.delete_lock("conversation")
