"""Loads only the recent turns of a conversation, so a turn costs the same at turn 100 as at 1.

Why a turn gets slower in stock Rasa 3.6: on every message the processor loads the whole
session from the tracker store and rebuilds every event, computes the dialogue states of
the whole history for each policy and each predicted action, sends the whole tracker to
the action server with each custom action call, and counts the stored events again on
save. All of it is linear in the conversation's length (docs/benchmarks.md, section 3).

What this changes, on the store's public methods: `retrieve` (what the processor and the
channels read) returns the last `recent_turns` user turns, starting at the action_listen
before them, plus the latest value of each slot set earlier. Every event stays stored: the
HTTP API's tracker endpoint (`retrieve_full_tracker`, which loads as Rasa does), retention
(`make purge`) and "forget me" still see the whole conversation. `save` inserts the events
added to the tracker since it was loaded or last saved, counted on the tracker object
itself, so saving one tracker twice never inserts an event twice (a tracker the store did
not load gets Rasa's own save, and its count, the first time). Rasa's private helpers used
here, its session query `_event_query` and the columns of its events table, are checked at
start-up by server/patches/private_api.py.

Why no answer changes: TEDPolicy looks back 5 turns (config.yml), the fallback action one
turn, and no rule or story of the training data is as long as the window or anchored to the
conversation's start, so MemoizationPolicy and RulePolicy cannot match differently either.
tests/unit/server/store/test_recent_window.py checks these conditions against config.yml and the
training data, and `make bench` replays 100-turn conversations against the full history.
`recent_turns: 0` loads the whole session, as Rasa does.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.shared.core.events import (
    AllSlotsReset,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

DEFAULT_RECENT_TURNS = 8
# Where the stored events of a loaded tracker end; save inserts only what comes after.
STORED_LENGTH = "_recent_window_stored_length"
# Events before which no slot value carries over.
SLOT_RESETS = (Restarted.type_name, AllSlotsReset.type_name, SessionStarted.type_name)


def noting_stored_length(tracker: Optional[DialogueStateTracker]) -> Optional[DialogueStateTracker]:
    if tracker is not None:
        setattr(tracker, STORED_LENGTH, len(tracker.events))
    return tracker


class RecentWindow:
    """A mixin for Rasa's SQLTrackerStore (it uses its session, SQLEvent and _event_query)."""

    recent_turns: int = DEFAULT_RECENT_TURNS

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        if self.recent_turns <= 0:
            return noting_stored_length(await super().retrieve(sender_id))  # type: ignore[misc]
        with self.session_scope() as session:  # type: ignore[attr-defined]
            events = self._recent_events(session, sender_id)
        if not events:
            return None
        return noting_stored_length(
            DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)  # type: ignore[attr-defined]
        )

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        # Every event, loaded as Rasa loads them; noted so that a save adds only new ones.
        return noting_stored_length(await super().retrieve_full_tracker(conversation_id))  # type: ignore[misc]

    async def save(self, tracker: DialogueStateTracker) -> None:
        stored = getattr(tracker, STORED_LENGTH, None)
        if stored is None:  # a tracker this store did not load: Rasa's own save and count, once
            await super().save(tracker)  # type: ignore[misc]
        else:
            await self.stream_events(tracker)  # type: ignore[attr-defined]
            with self.session_scope() as session:  # type: ignore[attr-defined]
                session.add_all(self._stored_row(tracker.sender_id, event)
                                for event in list(tracker.events)[stored:])
                session.commit()
        noting_stored_length(tracker)

    def _stored_row(self, sender_id: Text, event: Event) -> Any:
        """The row Rasa's own save writes for the event."""
        data = event.as_dict()
        return self.SQLEvent(  # type: ignore[attr-defined]
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _recent_events(self, session: Any, sender_id: Text) -> List[Dict[Text, Any]]:
        """One query, read newest first and only as far back as the window reaches."""
        event = self.SQLEvent  # type: ignore[attr-defined]
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)  # type: ignore[attr-defined]
        newest_first = query.order_by(None).order_by(event.id.desc())
        rows = iter(newest_first.with_entities(event.id, event.type_name, event.data).yield_per(64))
        window, users, start = [], 0, None
        for row in rows:
            window.append(row)
            if row.type_name == UserUttered.type_name:
                users += 1
                if users == self.recent_turns:
                    before = next(rows, None)  # the action_listen the window starts at
                    if before is not None:
                        window.append(before)
                        start = before.id
                    break
        events = [json.loads(row.data) for row in reversed(window)]
        if start is None:  # a short session: all of it
            return events
        return self._carried_slots(newest_first, start) + events

    def _carried_slots(self, newest_first: Any, start: int) -> List[Dict[Text, Any]]:
        """The latest SlotSet of each slot before the window, oldest first."""
        event = self.SQLEvent  # type: ignore[attr-defined]
        wanted = {slot.name for slot in self.domain.slots}  # type: ignore[attr-defined]
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
