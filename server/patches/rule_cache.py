"""RulePolicy's rule-key cache sized for this model's rules.

RulePolicy reads every rule key back from JSON (`_rule_key_to_state`) for every state of
every prediction, behind an LRU cache of 1,000 entries. This model has more rule keys than
that (an answer rule, its session-opening twin and its second-question twin per topic,
plus the forms and skills), and a cyclic scan over more keys than an LRU holds misses
every time: profiled in-process, that parsing was half of the time the server spends on a
turn. `install()` puts the same function behind an unbounded cache; the keys are the
model's own rules, a few thousand strings, so it stays small.

Written for Rasa 3.6.21; the guard checks RulePolicy._rule_key_to_state(rule_key) and its
cache before replacing it.
"""

from __future__ import annotations

import functools

from rasa.core.policies.rule_policy import RulePolicy

from server.patches.guard import Patch

PATCH = Patch(__name__, written_for="3.6.21")
RULE_KEY_TO_STATE_PARAMETERS = "(rule_key)"
RASA_CACHE_SIZE = 1000


def install() -> None:
    """Replaces the cached RulePolicy._rule_key_to_state once per process."""
    PATCH.require_version()
    current = PATCH.require_signature(RulePolicy, "_rule_key_to_state", RULE_KEY_TO_STATE_PARAMETERS)
    size = current.cache_info().maxsize if hasattr(current, "cache_info") else "no cache"
    if size is None:
        return  # installed already
    PATCH.require(size == RASA_CACHE_SIZE, f"an LRU cache of {RASA_CACHE_SIZE}", f"{size}")
    RulePolicy._rule_key_to_state = staticmethod(functools.lru_cache(maxsize=None)(current.__wrapped__))
