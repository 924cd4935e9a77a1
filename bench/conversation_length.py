"""How the cost of a turn grows with the length of one conversation.

Several conversations of TURNS turns each, one sender per conversation, one turn at a
time; the p50 of turns 1-10, 41-50 and 91-100 is pooled over the conversations.
"""

from __future__ import annotations

import asyncio
from typing import Dict, List, Tuple

from bench.load import SEED, one_conversation, percentile, realistic_messages

TURNS = 100
WINDOWS: Tuple[Tuple[int, int], ...] = ((1, 10), (41, 50), (91, 100))


def window_label(window: Tuple[int, int]) -> str:
    return f"turns {window[0]}-{window[1]}"


def measure(webhook: str, conversations: int, run_name: str, turns: int = TURNS) -> Dict:
    per_turn: List[List[float]] = []
    replies: List[List[List[str]]] = []
    for number in range(conversations):
        texts = realistic_messages(turns, seed=SEED + 1000 + number)
        answers = asyncio.run(one_conversation(webhook, f"{run_name}-long{number}", texts))
        per_turn.append([latency for latency, _ in answers])
        # What the user sees, to check that a change of store changes no reply.
        replies.append([[message.get("text", "") for message in body] for _, body in answers])
    windows = {}
    for first, last in WINDOWS:
        if last > turns:
            continue
        pooled = [latencies[turn - 1] for latencies in per_turn for turn in range(first, last + 1)]
        windows[window_label((first, last))] = percentile(pooled, 50) * 1000
    first_label = window_label(WINDOWS[0])
    return {
        "conversations": conversations,
        "turns": turns,
        "p50_ms": windows,
        "ratio_to_first": {label: value / windows[first_label] for label, value in windows.items()},
        "per_turn_ms": [[round(value * 1000, 1) for value in latencies] for latencies in per_turn],
        "replies": replies,
    }


def same_replies(first: Dict, second: Dict) -> str:
    """'N of M turns' where both runs answered the same conversation with the same messages."""
    pairs = [
        (a, b) for conv_a, conv_b in zip(first["replies"], second["replies"]) for a, b in zip(conv_a, conv_b)
    ]
    return f"{sum(a == b for a, b in pairs)} of {len(pairs)} turns"


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    from bench.servers import start_our_bot

    log_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
    server = start_our_bot(log_dir)
    try:
        print(f"started in {server.startup_s:.1f} s")
        result = measure(server.webhook, conversations=1, run_name="dev")
        print(json.dumps({k: v for k, v in result.items() if k not in ("per_turn_ms", "replies")}, indent=1))
        print(result["per_turn_ms"])
    finally:
        server.stop()
