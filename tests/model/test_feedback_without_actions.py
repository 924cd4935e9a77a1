""""Was this helpful?" needs no action server: the model loaded here has no action
endpoint, and still asks after a topic answer, thanks a vote and offers a way on."""

import yaml

from tests.conftest import ROOT
from tests.model.conftest import run

RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def said(name: str) -> str:
    return RESPONSES[name][0]["text"]


def test_votes_are_responses_and_rules_only(agent):
    sender = "votes-without-an-action-server"

    async def talk():
        turns = [
            [reply.get("text") for reply in await agent.handle_text(message, sender_id=sender)]
            for message in ("/coffee", "/helpful", "/not_helpful")
        ]
        return turns, await agent.tracker_store.retrieve(sender)

    (answer, thanks, sorry), tracker = run(talk())
    assert said("utter_ask_helpful") in answer
    assert said("utter_service_unavailable") not in answer + thanks + sorry
    assert (thanks, sorry) == ([said("utter_thanks_for_vote")], [said("utter_sorry_not_helpful")])
    assert tracker.get_slot("topic") == "coffee"
