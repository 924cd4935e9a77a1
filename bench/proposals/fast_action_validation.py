"""Proposed fix for a fixed cost on every custom action: schema checks done once.

Rasa 3.6 checks each action server response with `jsonschema.validate(result, schema)`,
which first checks the schema itself against the JSON Schema meta-schema and builds a new
validator, on every call. With Rasa's large event schema that is about 19 ms per response
on the 2-core development machine when quiet (about 100 ms under load), against 0.3 ms with
the validator built once; a topic question calls the action server twice (see
docs/benchmarks.md), so about 40 ms of each answer: more than the floor bot's whole turn.
The replacement checks the schema and builds the validator once, then validates each
response against it: the same schema, the same errors, the same message Rasa adds to them.

To apply it: move this module into addons/ and call install() where the Rasa server
loads project code at start (addons.conversation_store calls action_failure.install()
the same way).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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
    RemoteAction._validate_action_result = validate_action_result

