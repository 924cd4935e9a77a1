"""Starting and stopping the servers the tests drive, shared by every suite that needs them.

`launch_run_sh` starts the assistant as `make run` does (scripts/run.sh) in its own process
group; `wait_for_run_sh` waits for the line run.sh prints when both servers answer;
`stop_group` stops a group with Ctrl-C, as a user stops `make run`, and checks its ports
are free again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterable, Optional

import pytest

from tests.conftest import ROOT

RUNNING_LINE = "The assistant is running"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_run_sh(log_path: Path, **env: str) -> subprocess.Popen:
    """scripts/run.sh with these environment variables (RASA_PORT, ENDPOINTS...)."""
    with open(log_path, "w") as log:
        return subprocess.Popen(
            ["scripts/run.sh"], cwd=ROOT, env={**os.environ, **env}, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )


def wait_for_run_sh(process: subprocess.Popen, log_path: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while RUNNING_LINE not in log_path.read_text(errors="replace"):
        if process.poll() is not None:
            pytest.fail(f"scripts/run.sh exited with {process.returncode}; see {log_path}")
        if time.monotonic() > deadline:
            pytest.fail(f"the assistant did not start in {timeout_s} s; see {log_path}")
        time.sleep(1)


def stop_group(process: Optional[subprocess.Popen], ports: Iterable[int] = ()) -> None:
    """Ctrl-C to the process group; a kill only if it hangs. The ports must be free after."""
    if process is None:
        return
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    for port in ports:
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after Ctrl-C"
