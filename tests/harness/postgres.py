"""A real PostgreSQL server for the tests: its own cluster in a temporary folder, on a
free loopback port, with a password. As root it runs as the `postgres` user, as it must.

One server serves a whole test session: the integration stack keeps its conversations in
one database, and the store tests make a fresh database each (`create_database`).
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional

from tests.harness.ports import free_port
from tests.harness.processes import Service

START_TIMEOUT_S = 120


def postgres_bin(program: str) -> str:
    """Debian keeps the server programs in /usr/lib/postgresql/<version>/bin, off the PATH."""
    def version(path: str) -> int:
        part = path.split("/")[4]
        return int(part) if part.isdigit() else 0

    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), key=version)
    if found:
        return found[-1]
    on_path = shutil.which(program)
    if on_path:
        return on_path
    raise RuntimeError(f"PostgreSQL's {program} not found: make system-deps (apt-get install postgresql)")


class PostgreSQL:
    def __init__(self, logs: Path, port: Optional[int] = None) -> None:
        self.port = port or free_port()
        self.user, self.password, self.database = "rasa", secrets.token_hex(12), "rasa"
        self.run_as = "postgres" if os.geteuid() == 0 else None
        # Not under pytest's 0700 base folder, which the postgres user cannot enter.
        self.home = Path(tempfile.mkdtemp(prefix="liver-insight-pg-"))
        self.data = self.home / "data"
        self.service = Service(
            "postgresql",
            [postgres_bin("postgres"), "-D", str(self.data), "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.home}",
             "-c", "fsync=off"],  # a throwaway cluster: no need to wait for the disk
            logs / "postgresql.log", user=self.run_as, stop_signal=signal.SIGINT,
        )
        self._initdb()

    def _initdb(self) -> None:
        password_file = self.home / "password"
        password_file.write_text(self.password + "\n")
        if self.run_as:
            owner = pwd.getpwnam(self.run_as)
            for path in (self.home, password_file):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            [postgres_bin("initdb"), "-D", str(self.data), "-U", self.user, "--no-sync",
             f"--pwfile={password_file}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"],
            check=True, capture_output=True, user=self.run_as,
        )
        password_file.unlink()

    def connect(self, database: Optional[str] = None):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user,
                                password=self.password, dbname=database or self.database,
                                connect_timeout=5)

    def start(self) -> None:
        self.service.start()
        self.service.wait_until(lambda: self.connect("postgres").close() is None, START_TIMEOUT_S)
        if not self._exists(self.database):
            self.create_database(self.database)

    def stop(self) -> None:
        self.service.stop()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def _exists(self, name: str) -> bool:
        connection = self.connect("postgres")
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                return cursor.fetchone() is not None
        finally:
            connection.close()

    def create_database(self, name: str) -> str:
        connection = self.connect("postgres")
        connection.autocommit = True  # CREATE DATABASE runs outside a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return name

    def store_settings(self, db: Optional[str] = None) -> Dict[str, Any]:
        """The tracker_store fields of endpoints.yml for database `db` of this server."""
        return {"dialect": "postgresql", "url": "127.0.0.1", "port": self.port,
                "db": db or self.database, "username": self.user, "password": self.password}
