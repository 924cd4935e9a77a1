"""A real Redis server for the tests, on a free loopback port with a password, its files in
a folder of its own (Debian: apt-get install redis-server, or make system-deps)."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Optional

from tests.harness.ports import free_port
from tests.harness.processes import Service


class Redis:
    def __init__(self, logs: Path, workdir: Path, port: Optional[int] = None) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server not found: make system-deps (apt-get install redis-server)")
        self.port, self.password = port or free_port(), secrets.token_hex(12)
        self.service = Service(
            "redis",
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--requirepass", self.password,
             "--dir", str(workdir), "--save", "", "--appendonly", "no", "--daemonize", "no"],
            logs / "redis.log",
        )

    def start(self) -> None:
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, password=self.password)
        self.service.start()
        self.service.wait_until(client.ping, 60)

    def stop(self) -> None:
        self.service.stop()
