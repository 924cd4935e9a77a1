"""While a form is active: an urgent message never waits on the action server, and a form
whose action server is down, failing or hung apologises and steps out of the way.

Rasa 3.6 runs an active form before any rule, and the form's check of each message is a
call to the action server (validate_<form>), made by the form itself, so the apology of
server/patches/action_failure.py (which wraps only the actions the processor runs) never
sees it. The form's `ignored_intents` (domain.yml) does not help: it only stops Rasa's own
slot mappings, and the form still asks the action server (tests/unit/server/patches/
test_form_safety.py shows it). So `install()` wraps FormAction.run, which it inherits from
LoopAction:

- a message with an urgent intent (server/nlu/urgent.py) makes the active form reject it
  at once, before any call, as the form would after asking the action server; Rasa then
  applies the rules for a rejected form, and "<urgent intent> during the ..." rules
  (data/rules/weight_target.yml, metabolic_checklist.yml) give the urgent reply first and
  end the form;
- any other failure of the form, or no answer within the action endpoint's `timeout`
  (endpoints.yml), becomes `utter_service_unavailable`, the form's deactivation (Rasa's
  action_deactivate_loop events) and FollowupAction(action_listen): the assistant then
  listens, rather than taking the deactivation for a finished form and giving its result.

Written for Rasa 3.6.21; the guard checks LoopAction.run(self, output_channel, nlg,
tracker, domain) and that FormAction still inherits it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, List

from rasa.core.actions.action import (
    ActionBotResponse,
    ActionDeactivateLoop,
    ActionExecutionRejection,
)
from rasa.core.actions.forms import FormAction
from rasa.core.actions.loops import LoopAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event, FollowupAction

from server.nlu.urgent import URGENT_INTENTS
from server.patches.action_failure import SERVICE_UNAVAILABLE, timeout_of
from server.patches.guard import Patch

logger = logging.getLogger(__name__)

PATCH = Patch(__name__, written_for="3.6.21")
RUN_PARAMETERS = "(self, output_channel, nlg, tracker, domain)"


def urgent_message_for(form: FormAction, tracker: Any) -> bool:
    """True when the active `form` is about to read a message with an urgent intent."""
    intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
    return (
        tracker.active_loop_name == form.name()
        and tracker.latest_action_name == ACTION_LISTEN_NAME
        and intent in URGENT_INTENTS
    )


async def gave_up(form: FormAction, failure: str, output_channel: Any, nlg: Any, tracker: Any,
                  domain: Any) -> List[Event]:
    url = form.action_endpoint.url if form.action_endpoint else "(none configured)"
    logger.error(
        f"Form '{form.name()}' failed ({failure}): the action server at {url} is down, "
        f"failing or too slow. The user gets '{SERVICE_UNAVAILABLE}' and the form ends."
    )
    apology = await ActionBotResponse(SERVICE_UNAVAILABLE).run(output_channel, nlg, tracker, domain)
    left = await ActionDeactivateLoop().run(output_channel, nlg, tracker, domain)
    # Without it Rasa's rules read the deactivation as a completed form.
    return apology + left + [FollowupAction(ACTION_LISTEN_NAME)]


def install() -> None:
    """Gives FormAction its own run, wrapping the inherited one, once per process."""
    PATCH.require_version()
    if getattr(FormAction.run, "keeps_safety", False):
        return
    original = PATCH.require_signature(LoopAction, "run", RUN_PARAMETERS)
    PATCH.require("run" not in vars(FormAction), "FormAction inheriting LoopAction.run",
                  "FormAction.run of its own")

    @functools.wraps(original)
    async def run(self: FormAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        if urgent_message_for(self, tracker):
            # Before any call: the safety rules answer, even with the action server hung.
            raise ActionExecutionRejection(self.name(), "an urgent message: the safety rules answer it")
        try:
            return await asyncio.wait_for(
                original(self, output_channel, nlg, tracker, domain), timeout_of(self.action_endpoint)
            )
        except ActionExecutionRejection:
            raise  # not an answer to the form: Rasa's rules take the message
        except Exception as error:  # unreachable or hung action server, HTTP 500, bad answer
            return await gave_up(self, type(error).__name__, output_channel, nlg, tracker, domain)

    run.keeps_safety = True  # type: ignore[attr-defined]
    FormAction.run = run  # type: ignore[assignment]
