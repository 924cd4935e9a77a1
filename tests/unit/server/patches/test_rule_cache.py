"""RulePolicy's rule-key cache: unbounded after install, the same states read back, and
only on the Rasa it was written for."""

import functools
import json

import pytest
import rasa
from rasa.core.policies.rule_policy import RulePolicy

from server.patches import rule_cache
from server.patches.guard import RasaMismatch


def test_the_cache_holds_more_keys_than_rasas_and_reads_them_the_same():
    rule_cache.install()
    keys = [json.dumps([{"user": {"intent": f"topic_{n}"}}]) for n in range(rule_cache.RASA_CACHE_SIZE + 200)]
    for _ in range(2):  # a cyclic scan: Rasa's LRU of 1,000 would miss every time
        states = [RulePolicy._rule_key_to_state(key) for key in keys]
    info = RulePolicy._rule_key_to_state.cache_info()
    assert info.maxsize is None and info.hits >= len(keys)
    assert states[-1] == [{"user": {"intent": f"topic_{len(keys) - 1}"}}]


def test_install_is_idempotent():
    rule_cache.install()
    installed = RulePolicy._rule_key_to_state
    rule_cache.install()
    assert RulePolicy._rule_key_to_state is installed


def test_a_differently_sized_cache_stops_the_install(monkeypatch):
    monkeypatch.setattr(RulePolicy, "_rule_key_to_state",
                        staticmethod(functools.lru_cache(maxsize=50)(lambda rule_key: json.loads(rule_key))))
    with pytest.raises(RasaMismatch, match="rule_cache.*LRU cache of 1000.*50"):
        rule_cache.install()


def test_another_signature_stops_the_install(monkeypatch):
    monkeypatch.setattr(RulePolicy, "_rule_key_to_state", staticmethod(lambda key, extra=None: []))
    with pytest.raises(RasaMismatch, match="rule_cache.*_rule_key_to_state\\(rule_key\\)"):
        rule_cache.install()


def test_another_rasa_version_stops_the_install(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.6.22")
    with pytest.raises(RasaMismatch, match="rule_cache.*3.6.21.*3.6.22"):
        rule_cache.install()
