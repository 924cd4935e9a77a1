"""Latency and throughput over the REST channel at several numbers of concurrent users.

Run against one server at a time; bench/run.py runs our bot and the floor bot in the
same session, one after the other, so both see the same machine.
"""

from __future__ import annotations

import asyncio
from typing import Dict, List, Sequence

from bench.load import run_load

CONCURRENCY = (1, 8, 32)
WARM_UP_MESSAGES = 20


def measure(
    webhook: str,
    run_name: str,
    messages_per_level: int,
    levels: Sequence[int] = CONCURRENCY,
    warm_up: bool = True,
) -> List[Dict]:
    """One summary per concurrency level; every level sends about the same message count."""
    if warm_up:
        # The first messages pay for lazy loading (TensorFlow graphs, connections).
        asyncio.run(run_load(webhook, 2, WARM_UP_MESSAGES // 2, run_name=f"{run_name}-warm"))
    summaries = []
    for users in levels:
        per_user = max(2, messages_per_level // users)
        result = asyncio.run(run_load(webhook, users, per_user, run_name=f"{run_name}-{users}"))
        summary = result.summary()
        print(
            f"  {run_name}: {users:>2} users: p50 {summary['p50_ms']:.0f} ms, "
            f"p95 {summary['p95_ms']:.0f} ms, p99 {summary['p99_ms']:.0f} ms, "
            f"{summary['messages_per_s']:.1f} msg/s ({summary['messages']} messages)"
        )
        summaries.append(summary)
    return summaries
