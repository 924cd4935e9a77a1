"""The lock stores serve a waiter whose ticket expired while a dead holder's ticket held the
lock, where Rasa's own lock waits for ever; on a real Redis, built from deploy/endpoints.yml.

The case: a replica took the conversation's ticket and died. The retry takes its ticket
moments later; both expire between two looks at the lock, so the retry finds a lock with
no ticket of its own.
"""

from __future__ import annotations

import asyncio

import pytest
import redis
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.utils.endpoints import read_endpoint_config

from server.store.lock_store import RenewingInMemoryLockStore, RenewingRedisLockStore
from tests.conftest import ROOT
from tests.harness.redis import Redis

LIFETIME_S = 0.3
# Longer than a ticket's life: both tickets expire before the waiter looks again.
POLL_S = 0.5
CONVERSATION = "conversation"


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redis")
    server = Redis(folder, folder)
    server.start()
    yield server.port, server.password
    server.stop()


@pytest.fixture
def deployed_lock_store(redis_server, monkeypatch):
    """The lock store as Rasa builds it from deploy/endpoints.yml."""
    port, password = redis_server
    # Rasa expands every ${NAME} of the file, those of the other endpoints too.
    for name in ("ACTION_SERVER_URL", "DB_HOST", "DB_PORT", "DB_DATABASE", "DB_USER", "DB_PASSWORD"):
        monkeypatch.setenv(name, "unused")
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", str(port))
    monkeypatch.setenv("REDIS_PASSWORD", password)
    store = LockStore.create(read_endpoint_config(str(ROOT / "deploy" / "endpoints.yml"), "lock_store"))
    store.red.flushdb()
    return store


async def retry_behind_a_dead_holder(store: LockStore) -> int:
    """How many tickets the lock holds when the retry gets it (the dead replica's first)."""
    store.issue_ticket(CONVERSATION, LIFETIME_S)
    async with store.lock(CONVERSATION, lock_lifetime=LIFETIME_S, wait_time_in_seconds=POLL_S) as lock:
        return len(lock.tickets)


async def test_rasas_own_lock_waits_for_ever_in_that_case():
    """Why the classes exist; if Rasa fixes its lock, this fails and they can go."""
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(retry_behind_a_dead_holder(InMemoryLockStore()), 6 * POLL_S)


async def test_the_in_memory_store_serves_the_retry_and_then_drops_the_lock():
    store = RenewingInMemoryLockStore()

    assert await asyncio.wait_for(retry_behind_a_dead_holder(store), 6 * POLL_S) == 1
    assert store.get_lock(CONVERSATION) is None


async def test_the_deployed_redis_store_serves_the_retry_and_then_drops_the_lock(deployed_lock_store):
    assert type(deployed_lock_store) is RenewingRedisLockStore
    assert deployed_lock_store.key_prefix == "liverinsight:lock:"

    assert await asyncio.wait_for(retry_behind_a_dead_holder(deployed_lock_store), 6 * POLL_S) == 1
    assert deployed_lock_store.get_lock(CONVERSATION) is None


async def test_messages_still_take_turns(deployed_lock_store):
    """The fix changes nothing for live holders: each waits for the one before it."""
    order = []

    async def message(number: int) -> None:
        async with deployed_lock_store.lock(CONVERSATION, wait_time_in_seconds=0.05):
            order.append(("start", number))
            await asyncio.sleep(0.1)
            order.append(("end", number))

    await asyncio.gather(*(message(number) for number in range(3)))

    assert order == [(edge, number) for number in range(3) for edge in ("start", "end")]
    assert deployed_lock_store.get_lock(CONVERSATION) is None
