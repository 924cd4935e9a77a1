"""The configured store, found inside the wrappers Rasa 3.6 puts around it.

That Rasa still keeps the inner store in `_tracker_store` is checked at start-up
(tests/unit/server/patches/test_private_api.py); what "forget me" and /health/store do with
the store found: test_forget.py and tests/unit/server/channels/test_health.py.
"""

import pytest
from rasa.core.agent import Agent
from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    TrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from server.store.conversation_store import ConversationStore
from server.store.rasa_wrappers import unwrap


@pytest.fixture
def conversation_store(tmp_path):
    store = ConversationStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    yield store
    store.engine.dispose()


def test_the_store_endpoints_yml_names_is_found_in_the_agent_rasa_builds(tmp_path):
    endpoint = EndpointConfig(type="server.store.conversation_store.ConversationStore",
                              dialect="sqlite", db=str(tmp_path / "conversations.db"))
    configured = TrackerStore.create(endpoint)
    agent = Agent(domain=Domain.empty(), tracker_store=configured)
    try:
        assert agent.tracker_store is not configured, "Rasa wraps it"
        assert unwrap(agent.tracker_store) is configured
        assert isinstance(configured, ConversationStore)
    finally:
        configured.engine.dispose()


@pytest.mark.parametrize("wrap", [
    FailSafeTrackerStore,
    AwaitableTrackerStore,
    lambda store: AwaitableTrackerStore(FailSafeTrackerStore(store)),
    lambda store: FailSafeTrackerStore(AwaitableTrackerStore(store)),
], ids=["fail-safe", "awaitable", "awaitable-around-fail-safe", "fail-safe-around-awaitable"])
def test_each_wrapping_rasa_uses_is_taken_off(wrap, conversation_store):
    assert unwrap(wrap(conversation_store)) is conversation_store


def test_the_fail_safe_stores_in_memory_fallback_is_not_taken_for_the_store(conversation_store):
    wrapped = FailSafeTrackerStore(conversation_store)
    fallback = wrapped.fallback_tracker_store  # made on first use, as after a failed save

    assert isinstance(fallback, InMemoryTrackerStore)
    assert unwrap(wrapped) is conversation_store


def test_a_store_without_wrappers_is_returned_as_it_is(conversation_store):
    in_memory = InMemoryTrackerStore(Domain.empty())

    assert unwrap(conversation_store) is conversation_store
    assert unwrap(in_memory) is in_memory
    assert unwrap(FailSafeTrackerStore(in_memory)) is in_memory
    assert unwrap(None) is None
