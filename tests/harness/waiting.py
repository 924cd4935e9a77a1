"""Waiting on an event or on readiness, with a deadline: no test sleeps a fixed time."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Callable, Optional

POLL_S = 0.2


def wait_until(ready: Callable[[], bool], timeout_s: float, what: str,
               process: Optional[subprocess.Popen] = None, log: Optional[Path] = None) -> None:
    """Polls `ready` until it returns true; fails at once if `process` exits, or at the
    deadline, naming the log that explains it."""
    deadline = time.monotonic() + timeout_s
    where = f"; see {log}" if log else ""
    while True:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what} exited with {process.returncode}{where}")
        try:
            if ready():
                return
        except Exception:  # not up yet: connection refused, still loading, ...
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not ready in {timeout_s:.0f} s{where}")
        time.sleep(POLL_S)
