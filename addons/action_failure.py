"""A short apology, never silence, when the action server is down or an action fails.

Rasa 3.6's MessageProcessor._run_action catches any error of a custom action, logs it and
goes on with no events: the user hears nothing. Rasa 3.6 has no hook for this (custom
action executors came later), so `install()` wraps _run_action: each custom action the
processor runs becomes an ApologisingRemoteAction, which turns a failure into the domain
response `utter_service_unavailable`. A success returns the action's own events untouched.
The same place deletes a conversation when action_forget_me confirms, before the
confirmation is sent (see addons/privacy/forget.py).

Only the processor's own runs are wrapped. action_extract_slots also calls custom actions
(for custom slot mappings) through RemoteAction directly; a failure there stays a warning,
so the user gets one apology per turn, not two.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, List

from rasa.core.actions.action import (
    ActionBotResponse,
    ActionExecutionRejection,
    ActionSessionStart,
    RemoteAction,
)
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import Event

from addons.privacy import forget

logger = logging.getLogger(__name__)

SERVICE_UNAVAILABLE = "utter_service_unavailable"
# What actions/session_start.py opens every session with.
SESSION_DISCLAIMER = "utter_full_disclaimer"


class ApologisingRemoteAction(RemoteAction):
    def __init__(self, name: str, action_endpoint: Any, tracker_store: Any) -> None:
        super().__init__(name, action_endpoint)
        self.tracker_store = tracker_store

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        try:
            events = await super().run(output_channel, nlg, tracker, domain)
            if self.name() == forget.FORGET_ACTION and forget.confirmed(events):
                # Delete before the confirmation goes out: a user is never told a lie.
                forget.delete_conversation(self.tracker_store, tracker.sender_id)
            return events
        except ActionExecutionRejection:
            raise  # a deliberate "not me": Rasa predicts another action
        except Exception as error:  # unreachable server, HTTP 500, bad answer, store down
            failure = type(error).__name__
        url = self.action_endpoint.url if self.action_endpoint else "(none configured)"
        if self.name() == ACTION_SESSION_START_NAME:
            instead = f"Rasa's own session start and '{SESSION_DISCLAIMER}'"
            events = await self._start_session_without_action_server(output_channel, nlg, tracker, domain)
        else:
            instead = f"'{SERVICE_UNAVAILABLE}'"
            events = await ActionBotResponse(SERVICE_UNAVAILABLE).run(output_channel, nlg, tracker, domain)
        logger.error(
            f"Custom action '{self.name()}' failed ({failure}): the action server at {url} "
            f"or the tracker store is down or failing. The user gets {instead} instead."
        )
        return events

    @staticmethod
    async def _start_session_without_action_server(
        output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> List[Event]:
        # The session still starts (Rasa's built-in events) and still opens with the
        # disclaimer, which is a domain response; the next action apologises if it fails.
        disclaimer = await ActionBotResponse(SESSION_DISCLAIMER).run(output_channel, nlg, tracker, domain)
        return disclaimer + await ActionSessionStart().run(output_channel, nlg, tracker, domain)


def install() -> None:
    """Wraps MessageProcessor._run_action once per process."""
    original = MessageProcessor._run_action
    if getattr(original, "apologises", False):
        return

    @functools.wraps(original)
    async def _run_action(
        self: MessageProcessor, action: Any, tracker: Any, output_channel: Any, nlg: Any, prediction: Any
    ) -> bool:
        if type(action) is RemoteAction:
            action = ApologisingRemoteAction(action.name(), action.action_endpoint, self.tracker_store)
        return await original(self, action, tracker, output_channel, nlg, prediction)

    _run_action.apologises = True  # type: ignore[attr-defined]
    MessageProcessor._run_action = _run_action  # type: ignore[assignment]
