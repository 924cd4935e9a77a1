"""Checks each action server response against Rasa's schema with a validator built once.

Rasa 3.6 checks every response with `jsonschema.validate(result, schema)`, which checks
Rasa's large event schema against the JSON Schema meta-schema and builds a new validator
on every call: about 19 ms per response on a quiet 2-core machine, against 0.3 ms with the
validator built once (`make bench` measures both). That was more than the floor bot's
whole turn. Same schema, same errors, the same message Rasa adds to them. It replaces
RemoteAction._validate_action_result(self, result), which Rasa 3.6.21 calls with each
response; the guard checks that method before replacing it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from server.patches.guard import Patch

PATCH = Patch(__name__, written_for="3.6.21")
VALIDATE_PARAMETERS = "(self, result)"


@lru_cache(maxsize=1)
def response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    error = exceptions.best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    PATCH.require_version()
    if RemoteAction._validate_action_result is validate_action_result:
        return
    PATCH.require_signature(RemoteAction, "_validate_action_result", VALIDATE_PARAMETERS)
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[assignment]
