"""Servers the tests start: each in its own process group with its output in a log file,
stopped the way an operator stops it, killed (SIGKILL, the whole group) only as a crash."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from tests.conftest import ROOT
from tests.harness.ports import is_open
from tests.harness.waiting import wait_until

# The quiet, deterministic settings of the Makefile, for a run outside `make test` too.
QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONHASHSEED": "0",
    "TF_DETERMINISTIC_OPS": "1",
    "RASA_TELEMETRY_ENABLED": "false",
}
RUNNING_LINE = "The assistant is running"


@dataclass
class Service:
    """One server process in its own process group, its output in a log file."""

    name: str
    command: List[str]
    log: Path
    env: Optional[Dict[str, str]] = None
    user: Optional[str] = None
    stop_signal: int = signal.SIGTERM
    process: Optional[subprocess.Popen] = field(default=None, repr=False)

    def start(self) -> subprocess.Popen:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env={**os.environ, **QUIET_ENV, **(self.env or {})},
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True, user=self.user,
            )
        return self.process

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout_s: float = 60) -> None:
        """Stops it the way an operator would; kills it if it does not stop in time."""
        if not self.running:
            return
        os.killpg(self.process.pid, self.stop_signal)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """A crash: SIGKILL to the server and anything it started."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def wait_until(self, ready, timeout_s: float) -> None:
        wait_until(ready, timeout_s, self.name, self.process, self.log)


def run_sh(log: Path, env: Dict[str, str]) -> Service:
    """scripts/run.sh, as `make run` starts it, with these environment variables
    (RASA_PORT, ENDPOINTS, ...); stopped with Ctrl-C, as a user stops it."""
    return Service("scripts/run.sh", ["scripts/run.sh"], log, env=env, stop_signal=signal.SIGINT)


def wait_for_run_sh(service: Service, timeout_s: float) -> None:
    """Until run.sh prints that every server answers."""
    service.wait_until(lambda: RUNNING_LINE in service.log.read_text(errors="replace"), timeout_s)


def stop_and_free(service: Service, ports: Iterable[int] = ()) -> None:
    """Stops the service's group; its ports must be free afterwards."""
    service.stop()
    still_open = [port for port in ports if is_open(port)]
    assert not still_open, f"ports {still_open} still open after stopping {service.name}"
