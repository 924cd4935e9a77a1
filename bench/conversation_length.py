"""How the cost of a turn grows with the length of a conversation.

p50 latency at turns 1-10, 41-50 and 91-100. Measured on a shared machine, three windows
taken one after the other would also measure how the machine's load changed in between.
So each window has its own conversation, brought to its starting turn first (untimed),
and the three are then timed turn by turn in rotation: turn 1 of the first, turn 41 of
the second, turn 91 of the third, then turn 2, 42, 92, and so on. Every turn is still
turn N of one conversation, and all three windows see the same load. `sets` repeats this
with new conversations for more samples.
"""

from __future__ import annotations

import asyncio
from typing import Dict, List, Tuple

import aiohttp

from bench.load import SEED, percentile, realistic_messages, send

WINDOWS: Tuple[Tuple[int, int], ...] = ((1, 10), (41, 50), (91, 100))


def window_label(window: Tuple[int, int]) -> str:
    return f"turns {window[0]}-{window[1]}"


async def _one_set(webhook: str, name: str, seed: int, windows) -> Tuple[Dict[str, List[float]], List[List[str]]]:
    texts = {window: realistic_messages(window[1], seed=seed + window[0]) for window in windows}
    latencies: Dict[str, List[float]] = {window_label(window): [] for window in windows}
    replies: List[List[str]] = []
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for first, last in windows:  # bring each conversation to its window, untimed
            for text in texts[(first, last)][: first - 1]:
                _, body = await send(session, webhook, f"{name}-from{first}", text)
                replies.append([message.get("text", "") for message in body])
        for step in range(windows[0][1] - windows[0][0] + 1):
            # Rotate the order each round so no window always goes first.
            order = windows[step % len(windows):] + windows[: step % len(windows)]
            for first, last in order:
                latency, body = await send(session, webhook, f"{name}-from{first}", texts[(first, last)][first - 1 + step])
                latencies[window_label((first, last))].append(latency)
                replies.append([message.get("text", "") for message in body])
    return latencies, replies


def measure(webhook: str, sets: int, run_name: str, last_turn: int = 100) -> Dict:
    windows = tuple(window for window in WINDOWS if window[1] <= last_turn)
    pooled: Dict[str, List[float]] = {window_label(window): [] for window in windows}
    replies: List[List[str]] = []
    for number in range(sets):
        latencies, set_replies = asyncio.run(_one_set(webhook, f"{run_name}-len{number}", SEED + 1000 * (number + 1), windows))
        for label, values in latencies.items():
            pooled[label].extend(values)
        replies.extend(set_replies)
    p50 = {label: percentile(values, 50) * 1000 for label, values in pooled.items()}
    first = window_label(windows[0])
    return {
        "sets": sets,
        "turns": windows[-1][1],
        "p50_ms": p50,
        "ratio_to_first": {label: value / p50[first] for label, value in p50.items()},
        "samples_ms": {label: [round(v * 1000, 1) for v in values] for label, values in pooled.items()},
        "replies": replies,
    }


def same_replies(first: Dict, second: Dict) -> str:
    """'N of M turns' where both runs answered the same messages with the same messages."""
    pairs = list(zip(first["replies"], second["replies"]))
    return f"{sum(a == b for a, b in pairs)} of {len(pairs)} turns"
