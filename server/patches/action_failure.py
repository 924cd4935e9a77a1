"""A short apology and the topic menu, never silence, when a custom action fails.

Only did-you-mean (action_default_fallback), the general-topic offer after a refusal, the
offers after two skill replies (other topics after a wrong answer, the matched topic after
another language) and "forget me" are custom actions; answers, menus, urgent replies and the disclaimers are
responses in the model. Rasa 3.6's MessageProcessor._run_action catches any error of a
custom action, logs it and goes on with no events: the user hears nothing. Rasa 3.6 has no
hook for this (custom action executors came later), so `install()` wraps _run_action: each
custom action the processor runs becomes an ApologisingRemoteAction, which turns a failure,
or no answer within `timeout` seconds (endpoints.yml, action_endpoint), into the domain
response `utter_service_unavailable` (with the topic menu as buttons). A success returns
the action's own events untouched, and the rule goes on: a refusal still ends with its
disclaimer line. The same place deletes a conversation when action_forget_me confirms,
before the confirmation is sent (see server/store/forget.py), so "forget me" never claims
a deletion that did not happen.

Written for Rasa 3.6.21; the guard checks MessageProcessor._run_action(self, action,
tracker, output_channel, nlg, prediction) before wrapping it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, List

from rasa.core.actions.action import ActionBotResponse, ActionExecutionRejection, RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import Event

from server.patches.guard import Patch
from server.store import forget

logger = logging.getLogger(__name__)

PATCH = Patch(__name__, written_for="3.6.21")
RUN_ACTION_PARAMETERS = "(self, action, tracker, output_channel, nlg, prediction)"

SERVICE_UNAVAILABLE = "utter_service_unavailable"
# Rasa waits 5 minutes for the action server; a user should not. `timeout` in endpoints.yml.
DEFAULT_TIMEOUT_S = 10.0


def timeout_of(action_endpoint: Any) -> float:
    """The action endpoint's `timeout` (seconds), which Rasa 3.6 keeps but never uses."""
    kwargs = getattr(action_endpoint, "kwargs", None) or {}
    return float(kwargs.get("timeout", DEFAULT_TIMEOUT_S))


class ApologisingRemoteAction(RemoteAction):
    def __init__(self, name: str, action_endpoint: Any, tracker_store: Any) -> None:
        super().__init__(name, action_endpoint)
        self.tracker_store = tracker_store

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        try:
            # The whole call: a hung action server counts as a failed one.
            events = await asyncio.wait_for(
                super().run(output_channel, nlg, tracker, domain), timeout_of(self.action_endpoint)
            )
            if self.name() == forget.FORGET_ACTION and forget.confirmed(events):
                # Delete before the confirmation goes out: a user is never told a lie.
                forget.delete_conversation(self.tracker_store, tracker.sender_id)
            return events
        except ActionExecutionRejection:
            raise  # a deliberate "not me": Rasa predicts another action
        except Exception as error:  # unreachable server, HTTP 500, bad answer, store down
            failure = type(error).__name__
        url = self.action_endpoint.url if self.action_endpoint else "(none configured)"
        logger.error(
            f"Custom action '{self.name()}' failed ({failure}): the action server at {url} "
            f"or the tracker store is down, failing or too slow. The user gets "
            f"'{SERVICE_UNAVAILABLE}' instead."
        )
        return await ActionBotResponse(SERVICE_UNAVAILABLE).run(output_channel, nlg, tracker, domain)


def install() -> None:
    """Wraps MessageProcessor._run_action once per process."""
    PATCH.require_version()
    if getattr(MessageProcessor._run_action, "apologises", False):
        return
    original = PATCH.require_signature(MessageProcessor, "_run_action", RUN_ACTION_PARAMETERS)

    @functools.wraps(original)
    async def _run_action(
        self: MessageProcessor, action: Any, tracker: Any, output_channel: Any, nlg: Any, prediction: Any
    ) -> bool:
        if type(action) is RemoteAction:
            action = ApologisingRemoteAction(action.name(), action.action_endpoint, self.tracker_store)
        return await original(self, action, tracker, output_channel, nlg, prediction)

    _run_action.apologises = True  # type: ignore[attr-defined]
    MessageProcessor._run_action = _run_action  # type: ignore[assignment]
