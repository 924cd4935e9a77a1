"""action_forget_me on a real tracker, and the parts of the domain and data it relies on."""

import yaml

from actions.forget_me import ActionForgetMe
from addons.privacy.forget import CONFIRMATION, FORGET_ACTION
from tests.actions.conftest import tracker_after
from tests.conftest import ROOT


async def test_confirms_with_the_response_the_store_deletes_on(dispatcher, domain):
    tracker = tracker_after("forget_me", "please forget me")

    events = await ActionForgetMe().run(dispatcher, tracker, domain)

    assert [message["response"] for message in dispatcher.messages] == [CONFIRMATION]
    assert events == []


def test_the_domain_has_the_intent_action_and_confirmation(domain):
    assert "forget_me" in domain["intents"]
    assert FORGET_ACTION in domain["actions"]
    assert "deleted this conversation" in domain["responses"][CONFIRMATION][0]["text"]


def test_a_rule_maps_the_intent_to_the_action():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "privacy.yml").read_text(encoding="utf-8"))
    steps = [rule["steps"] for rule in rules["rules"]]
    assert [{"intent": "forget_me"}, {"action": FORGET_ACTION}] in steps


def test_at_least_twenty_ways_to_ask():
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "privacy.yml").read_text(encoding="utf-8"))["nlu"]
    examples = [line[2:] for block in nlu if block["intent"] == "forget_me"
                for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(examples) >= 20
    assert len(set(examples)) == len(examples)
    assert "forget me" in examples and "delete my data" in examples
