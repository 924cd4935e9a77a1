"""A real PostgreSQL server for the tests: its own cluster in a temp dir, on a free port.

Needs the server binaries (Debian: `apt-get install postgresql`). As root, the cluster
runs as the `postgres` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import psycopg2
import pytest

from tests.processes import free_port

USER = "rasa"


def server_binaries() -> Path:
    candidates = [os.path.dirname(shutil.which("pg_ctl") or "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and os.path.exists(os.path.join(folder, "initdb")):
            return Path(os.path.realpath(os.path.join(folder, "initdb"))).parent
    pytest.fail("PostgreSQL server binaries not found: install them (apt-get install -y postgresql)")


def as_cluster_owner() -> List[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass
class Postgres:
    bin_dir: Path
    data_dir: Path
    port: int

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            as_cluster_owner() + [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, timeout=120,
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir}"
        self._pg_ctl("-o", options, "-l", str(self.data_dir / "server.log"), "-w", "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "-w", "stop")

    def create_database(self, name: str) -> str:
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return name

    def store_settings(self, db: str) -> Dict[str, object]:
        """The tracker_store fields of endpoints.yml for database `db` of this server."""
        return {"dialect": "postgresql", "url": "127.0.0.1", "port": self.port, "db": db, "username": USER}

    def count_events(self, db: str, sender_id: str) -> int:
        with psycopg2.connect(host="127.0.0.1", port=self.port, user=USER, dbname=db) as connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender_id,))
                return cursor.fetchone()[0]


def start_postgres() -> Postgres:
    bin_dir = server_binaries()
    data_dir = Path(tempfile.mkdtemp(prefix="rasa-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    subprocess.run(
        as_cluster_owner() + [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", USER,
                              "--auth=trust", "--no-sync", "-E", "UTF8"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, timeout=180,
    )
    server = Postgres(bin_dir, data_dir, free_port())
    server.start()
    return server


@pytest.fixture(scope="session")
def postgres():
    server = start_postgres()
    yield server
    try:
        server.stop()
    except subprocess.CalledProcessError:
        pass  # already stopped (a test stopped it and could not start it again)
    finally:
        shutil.rmtree(server.data_dir, ignore_errors=True)
