"""What checking one action server response costs: Rasa 3.6's way and server/patches/action_validation.py.

Rasa calls `jsonschema.validate(result, schema)` on every response, which checks the schema
against the meta-schema and builds a new validator each time; the project's replacement
builds the validator once. Both check the same response here, in this process, one after
the other, so the machine's load is the same for both. The response is shaped like
action_answer_topic's: a SlotSet event and a text with buttons.
"""

from __future__ import annotations

import statistics
import time
from typing import Callable, Dict

from jsonschema import validate
from rasa.core.actions.action import RemoteAction

from server.patches.action_validation import validate_action_result

RUNS = 200
RESPONSE = {
    "events": [{"event": "slot", "timestamp": None, "name": "topic", "value": "what_is_nash"}],
    "responses": [{
        "text": "MASH (once called NASH) is fatty liver with swelling and cell damage. " * 5,
        "buttons": [{"title": f"Strategy {n}", "payload": f"/strategy_{n}"} for n in range(3)],
        "elements": [], "custom": {}, "image": None, "attachment": None, "template": None,
        "response": None,
    }],
}


def _median_ms(check: Callable[[], object], runs: int) -> float:
    check()  # warm caches (imports, the once-built validator) outside the timing
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        check()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(runs: int = RUNS) -> Dict[str, float]:
    schema = RemoteAction.action_response_format_spec()
    stock = _median_ms(lambda: validate(RESPONSE, schema), runs)
    once = _median_ms(lambda: validate_action_result(None, RESPONSE), runs)  # type: ignore[arg-type]
    return {"runs": runs, "stock_ms": stock, "built_once_ms": once}


if __name__ == "__main__":
    print(measure())
