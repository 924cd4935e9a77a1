"""An asyncio REST client that plays virtual users and times every message.

Each virtual user is its own sender and sends its turns one after the other, waiting for
each answer, as a person in a chat window does. Latency is measured per message, from
sending the request to having read the whole answer.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

import aiohttp

from bench.questions import heldout_questions

SEED = 42


@dataclass
class LoadResult:
    users: int
    latencies_s: List[float]
    wall_s: float
    errors: int

    @property
    def throughput(self) -> float:
        return len(self.latencies_s) / self.wall_s if self.wall_s else 0.0

    def summary(self) -> Dict[str, float]:
        return {
            "users": self.users,
            "messages": len(self.latencies_s),
            "errors": self.errors,
            "p50_ms": percentile(self.latencies_s, 50) * 1000,
            "p95_ms": percentile(self.latencies_s, 95) * 1000,
            "p99_ms": percentile(self.latencies_s, 99) * 1000,
            "messages_per_s": self.throughput,
            "wall_s": self.wall_s,
        }


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), without numpy."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def realistic_messages(count: int, seed: int = SEED) -> List[str]:
    """Topic questions people ask (the held-out set, never trained on), in a fixed order."""
    questions = [text for texts in heldout_questions().values() for text in texts]
    rng = random.Random(seed)
    return [rng.choice(questions) for _ in range(count)]


async def send(session: aiohttp.ClientSession, webhook: str, sender: str, text: str) -> Tuple[float, list]:
    """Latency of one message and the bot's answer (its list of messages)."""
    started = time.perf_counter()
    async with session.post(webhook, json={"sender": sender, "message": text}) as response:
        body = await response.json()
        if response.status != 200 or not isinstance(body, list) or not body:
            raise RuntimeError(f"HTTP {response.status}: {body!r}"[:200])
    return time.perf_counter() - started, body


async def _user(
    session: aiohttp.ClientSession,
    webhook: str,
    name: str,
    texts: List[str],
    turns_per_conversation: int,
    latencies: List[float],
    errors: List[str],
) -> None:
    for turn, text in enumerate(texts):
        # A new sender every few turns keeps conversation length out of this figure.
        sender = f"{name}-c{turn // turns_per_conversation}"
        try:
            latencies.append((await send(session, webhook, sender, text))[0])
        except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError) as error:
            errors.append(str(error))


async def run_load(
    webhook: str,
    users: int,
    messages_per_user: int,
    run_name: str,
    turns_per_conversation: int = 10,
) -> LoadResult:
    """`users` virtual users at once, each sending `messages_per_user` messages in turn."""
    messages = realistic_messages(users * messages_per_user, seed=SEED + users)
    latencies: List[float] = []
    errors: List[str] = []
    timeout = aiohttp.ClientTimeout(total=300)
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _user(
                    session,
                    webhook,
                    f"{run_name}-u{index}",
                    messages[index * messages_per_user:(index + 1) * messages_per_user],
                    turns_per_conversation,
                    latencies,
                    errors,
                )
                for index in range(users)
            )
        )
        wall = time.perf_counter() - started
    if errors:
        print(f"  {len(errors)} errors, first: {errors[0]}")
    return LoadResult(users=users, latencies_s=latencies, wall_s=wall, errors=len(errors))


async def one_conversation(webhook: str, sender: str, texts: List[str]) -> List[Tuple[float, list]]:
    """One sender, turn after turn: the latency and the answer of each turn, in order."""
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        return [await send(session, webhook, sender, text) for text in texts]
