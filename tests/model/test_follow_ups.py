"""Follow-ups in context, on the model loaded in-process: each conversation of
tests/follow_ups/conversations.yml is said turn by turn to the agent (with the server's
patches, so the parse meets the tracker as it does on a live server), and after each turn
the `topic` slot, which the HTTP API exposes, must name the expected topic."""

from typing import Dict, List
from uuid import uuid4

import pytest
import yaml

from tests.conftest import FIGURES, ROOT
from tests.model.conftest import run

CONVERSATIONS = ROOT / "tests" / "follow_ups" / "conversations.yml"
MIN_FOLLOW_UP_ACCURACY = 0.95
MIN_CONVERSATIONS = 20


def conversations() -> List[Dict]:
    return yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))["conversations"]


@pytest.fixture(scope="module")
def outcomes(agent) -> List[Dict]:
    """Every turn with what the assistant made of it: the topic slot and the intent."""

    async def talk() -> List[Dict]:
        results = []
        for conversation in conversations():
            sender = f"follow-up-{uuid4().hex[:8]}"
            for number, turn in enumerate(conversation["turns"]):
                await agent.handle_text(turn["say"], sender_id=sender)
                tracker = await agent.tracker_store.retrieve(sender)
                results.append({
                    **turn, "conversation": conversation["name"], "later": number > 0,
                    "got_topic": tracker.get_slot("topic"),
                    "got_intent": tracker.latest_message.intent.get("name"),
                })
        return results

    return run(talk())


def right(outcome: Dict) -> bool:
    return outcome["got_topic"] == outcome["topic"] and outcome.get("intent", outcome["got_intent"]) == outcome["got_intent"]


def test_there_are_enough_conversations_with_follow_ups():
    found = conversations()
    assert len(found) >= MIN_CONVERSATIONS
    assert all(len(c["turns"]) >= 2 for c in found)


def test_follow_up_turns_are_read_in_context(outcomes):
    later = [o for o in outcomes if o["later"]]
    wrong = [o for o in later if not right(o)]
    accuracy = 1 - len(wrong) / len(later)
    FIGURES["follow-up turns right"] = f"{accuracy:.3f} of {len(later)} ({len(wrong)} wrong)"
    listed = "\n".join(
        f"  [{o['conversation']}] {o['say']!r}: topic {o['got_topic']} via {o['got_intent']}, "
        f"want {o['topic']} {o.get('intent', '')}" for o in wrong)
    assert accuracy >= MIN_FOLLOW_UP_ACCURACY, f"follow-ups {accuracy:.3f}:\n{listed}"


def test_the_first_turn_of_each_conversation_is_answered_on_its_own(outcomes):
    first = [o for o in outcomes if not o["later"]]
    wrong = [f"{o['say']!r} -> {o['got_topic']} (want {o['topic']})" for o in first if not right(o)]
    assert not wrong, wrong
