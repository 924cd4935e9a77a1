"""action_forget_me on a real tracker, and the parts of the domain and data it relies on."""

import yaml

from actions.forget_me import ActionForgetMe
from common.names import FORGET_ACTION, FORGET_CONFIRMATION as CONFIRMATION
from tests.unit.actions.conftest import tracker_after
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


def test_a_request_asks_first_and_only_a_confirmation_deletes():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "privacy.yml").read_text(encoding="utf-8"))
    steps = [rule["steps"] for rule in rules["rules"]]
    assert [{"intent": "forget_me"}, {"action": "utter_ask_forget_me"}] in steps
    assert [{"action": "utter_ask_forget_me"}, {"intent": "affirm"}, {"action": FORGET_ACTION}] in steps
    assert [{"action": "utter_ask_forget_me"}, {"intent": "deny"}, {"action": "utter_kept_conversation"}] in steps
    assert [{"intent": "confirm_forget_me"}, {"action": FORGET_ACTION}] in steps
    deleting = [s for s in steps if {"action": FORGET_ACTION} in s]
    assert all({"intent": "forget_me"} not in s for s in deleting), "a request alone never deletes"


def test_the_question_offers_a_confirm_and_a_keep_button(domain):
    buttons = domain["responses"]["utter_ask_forget_me"][0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/confirm_forget_me", "/deny"]


def test_forget_it_and_never_mind_mean_never_mind():
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "conversation.yml").read_text(encoding="utf-8"))["nlu"]
    deny = [line[2:] for block in nlu if block["intent"] == "deny"
            for line in block["examples"].splitlines() if line.startswith("- ")]
    assert {"forget it", "never mind", "just forget it, i'll ask my doctor instead"} <= set(deny)


def test_at_least_twenty_ways_to_ask():
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "privacy.yml").read_text(encoding="utf-8"))["nlu"]
    examples = [line[2:] for block in nlu if block["intent"] == "forget_me"
                for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(examples) >= 20
    assert len(set(examples)) == len(examples)
    assert "forget me" in examples and "delete my data" in examples
