"""Proposed fix for per-turn cost that grows with the conversation: a recent-window store.

Why a turn gets slower: on every message Rasa 3.6 loads the whole session from the
tracker store and rebuilds every event (json + Event.from_parameters, which looks the
class up among all Event subclasses), computes the dialogue states of the whole history
once per policy and per predicted action (MemoizationPolicy, RulePolicy and TEDPolicy
each call tracker.past_states, although Memoization and TED only use the last 5 turns),
sends the whole tracker as JSON to the action server with each custom action call, and
counts the stored events again to find the new ones on save. All of it is linear in the
length of the conversation.

The fix: the processor gets only the recent turns. This store keeps every event (the
HTTP API's full tracker, retention and "forget me" still see the whole conversation) but
`retrieve` returns a tracker with the last `recent_turns` user turns, starting at the
action_listen before them, plus the latest value of each slot set earlier. TEDPolicy and
MemoizationPolicy look back 5 turns, our rules 2 and the fallback action 2, so 8 turns
change no prediction (bench/run.py checks: same replies turn by turn). Save inserts the
events added to that tracker since it was loaded, tracked on the tracker object itself,
so saving the same tracker twice never inserts an event twice.

To apply it, endpoints.yml names this class (moved into addons/ first) instead of
ConversationStore, with the same fields plus `recent_turns: 8`.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List, Optional, Text

from rasa.shared.core.events import AllSlotsReset, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

try:  # The project's store (outage reports, "forget me"), when this checkout has it.
    from addons.conversation_store import ConversationStore as _BaseStore
except ImportError:  # pragma: no cover - older checkouts use Rasa's SQL store directly
    from rasa.core.tracker_store import SQLTrackerStore as _BaseStore

RECENT_TURNS = 8
# Where the stored events of a loaded tracker end; save inserts only what comes after.
STORED_LENGTH = "_recent_window_stored_length"
# Events before which no slot value carries over.
SLOT_RESETS = (Restarted.type_name, AllSlotsReset.type_name, SessionStarted.type_name)

PROPOSED_TRACKER_STORE: Dict[str, Any] = {
    "type": "bench.proposals.recent_window_store.ProposedStore",
    "dialect": "sqlite",
    "db": "conversations.db",  # bench/servers.py puts it in the run's temp dir
    "recent_turns": RECENT_TURNS,
}


class RecentWindowStore(_BaseStore):
    def __init__(self, domain: Any = None, recent_turns: int = RECENT_TURNS, **kwargs: Any) -> None:
        super().__init__(domain, **kwargs)
        self.recent_turns = int(recent_turns)

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        if fetch_events_from_all_sessions:
            tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        else:
            with self.session_scope() as session:
                events = self._recent_events(session, sender_id)
            tracker = (
                DialogueStateTracker.from_dict(sender_id, events, self.domain.slots) if events else None
            )
        if tracker is not None:
            setattr(tracker, STORED_LENGTH, len(tracker.events))
        return tracker

    def _recent_events(self, session: Any, sender_id: Text) -> List[Dict[Text, Any]]:
        event = self.SQLEvent
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
        newest_first = query.order_by(None).order_by(event.id.desc())
        user_ids = [
            row.id
            for row in newest_first.filter(event.type_name == UserUttered.type_name)
            .with_entities(event.id)
            .limit(self.recent_turns)
        ]
        start = None
        if len(user_ids) == self.recent_turns:
            before = newest_first.filter(event.id < user_ids[-1]).with_entities(event.id).first()
            start = before.id if before else None
        if start is None:
            return [json.loads(row.data) for row in query]
        return self._carried_slots(newest_first, start) + [
            json.loads(row.data) for row in query.filter(event.id >= start)
        ]

    def _carried_slots(self, newest_first: Any, start: int) -> List[Dict[Text, Any]]:
        """The latest SlotSet of each slot before the window, oldest first."""
        event = self.SQLEvent
        wanted = {slot.name for slot in self.domain.slots}
        latest: Dict[Text, Dict[Text, Any]] = {}
        earlier = newest_first.filter(
            event.id < start, event.type_name.in_((SlotSet.type_name,) + SLOT_RESETS)
        )
        for row in earlier.yield_per(100):
            if row.type_name != SlotSet.type_name or len(latest) == len(wanted):
                break
            data = json.loads(row.data)
            latest.setdefault(data.get("name"), data)
        return list(reversed(list(latest.values())))

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, STORED_LENGTH, None)
        if stored is None:  # a tracker this store did not load: Rasa's own count
            return super()._additional_events(session, tracker)
        new_events = list(tracker.events)[stored:]
        setattr(tracker, STORED_LENGTH, len(tracker.events))
        return iter(new_events)


class ProposedStore(RecentWindowStore):
    """Both proposals as the benchmark measures them: this store, and the schema check of
    action server responses done once (bench/proposals/fast_action_validation.py), which
    loads here because the tracker store is project code the Rasa server imports at start."""

    def __init__(self, domain: Any = None, **kwargs: Any) -> None:
        from bench.proposals import fast_action_validation

        fast_action_validation.install()
        super().__init__(domain, **kwargs)
