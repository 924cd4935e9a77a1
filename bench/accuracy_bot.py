"""Our bot's accuracy on the three sets, with the model in models/ loaded in-process as the
model tier loads it (tests/model/): no server, so the figures are the model's alone.

- held-out and FAQ-style questions: each parsed on its own. `top1` is the classifier's best
  intent (nlu_fallback set aside), comparable to the baselines, which always answer;
  `answered_right` counts an unsure question, which becomes nlu_fallback and gets "did you
  mean", as a miss. `top3` is over the ranking without nlu_fallback: the three guesses the
  fallback offers.
- follow-up turns: each conversation said turn by turn to the agent (the server's patches
  are installed when the model's components load), as tests/model/test_follow_ups.py does;
  a later turn is right when the `topic` slot then names the expected topic (and the turn
  was read as the expected intent, where the conversation names one).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Dict, List
from uuid import uuid4

from rasa.core.agent import Agent
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog

from bench.questions import Case, conversations, faq_cases, heldout_cases
from bench.retrieval import score

FALLBACK = "nlu_fallback"


async def _parse_set(agent: Agent, cases: List[Case]) -> Dict:
    ranked_predictions, acted_on = [], 0
    for text, accepted in cases:
        parsed = await agent.parse_message(text)
        ranking = [item["name"] for item in parsed.get("intent_ranking", []) if item["name"] != FALLBACK]
        ranked_predictions.append((accepted, ranking))
        acted_on += parsed.get("intent", {}).get("name") in accepted
    result = score(ranked_predictions)
    result["answered_right"] = acted_on / result["questions"]
    return result


async def _follow_ups(agent: Agent) -> Dict:
    right, wrong = 0, []
    for conversation in conversations():
        sender = f"bench-follow-up-{uuid4().hex[:8]}"
        for number, turn in enumerate(conversation["turns"]):
            await agent.handle_text(turn["say"], sender_id=sender)
            if number == 0:
                continue
            tracker = await agent.tracker_store.retrieve(sender)
            got_topic, got_intent = tracker.get_slot("topic"), tracker.latest_message.intent.get("name")
            if got_topic == turn["topic"] and turn.get("intent", got_intent) == got_intent:
                right += 1
            else:
                wrong.append({"say": turn["say"], "topic": turn["topic"], "got": got_topic})
    total = right + len(wrong)
    return {"questions": total, "top1": right / total, "wrong": wrong}


def measure(model: Path) -> Dict:
    # Rasa's debug lines for every parse would bury the benchmark's own progress lines.
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    started = time.perf_counter()
    agent = Agent.load(str(model))
    loaded_s = time.perf_counter() - started

    async def all_sets() -> Dict:
        return {
            "heldout": await _parse_set(agent, heldout_cases()),
            "faq": await _parse_set(agent, faq_cases()),
            "follow_ups": await _follow_ups(agent),
        }

    return {**asyncio.run(all_sets()), "load_s": loaded_s}
