"""The store endpoints.yml configures, found inside the wrappers Rasa puts around it.

Rasa 3.6 hands the processor a FailSafeTrackerStore around the configured store (and an
AwaitableTrackerStore as well around a store whose methods are not async, which ours are),
and keeps the inner one in the private attribute `_tracker_store`
(server/patches/private_api.py checks that it still does). `unwrap` takes any nesting.
"""

from __future__ import annotations

from typing import Any


def unwrap(tracker_store: Any) -> Any:
    """The configured store inside the wrappers Rasa adds."""
    while hasattr(tracker_store, "_tracker_store"):
        tracker_store = tracker_store._tracker_store
    return tracker_store
