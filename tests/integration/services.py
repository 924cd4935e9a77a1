"""Real PostgreSQL, Redis, nginx, action server and Rasa replicas on loopback ports.

Each service runs in the foreground under a process this module started, with its files
in a temporary directory, and is stopped by its own process id. nginx runs the shipped
template (deploy/nginx/rasa.conf.template) with only its ports filled in, and the Rasa
replicas run the shipped deploy/endpoints.yml and deploy/credentials.yml with the
credentials in the environment, as in production.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import requests

from tests.conftest import ROOT

NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "rasa.conf.template"
NGINX_LOG_SCRIPT = ROOT / "deploy" / "nginx" / "conversation_log.js"
# Debian's njs module (libnginx-mod-http-js): the template hashes conversation ids with it.
NGINX_JS_MODULE = "/usr/lib/nginx/modules/ngx_http_js_module.so"
ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
CREDENTIALS = ROOT / "deploy" / "credentials.yml"
RASA = ROOT / ".venv" / "bin" / "rasa"
API_TOKEN = "integration-test-token"
# Rasa loads the model in 40-60 s on an idle machine; two replicas share two cores.
RASA_START_TIMEOUT_S = 420
# How long a dead replica's hold on a conversation lasts (production sets the same).
TICKET_LOCK_LIFETIME_S = 15
# The quiet, deterministic settings of the Makefile, for a run outside `make test` too.
QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONHASHSEED": "0",
    "TF_DETERMINISTIC_OPS": "1",
    "RASA_TELEMETRY_ENABLED": "false",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready: Callable[[], bool], timeout_s: float, what: str, process: subprocess.Popen,
               log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}; see {log}")
        try:
            if ready():
                return
        except Exception:  # not up yet: refused connection, loading, ...
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start in {timeout_s:.0f} s; see {log}")
        time.sleep(0.5)


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
                self.command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, user=self.user,
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


def postgres_bin(program: str) -> str:
    """Debian keeps the server programs in /usr/lib/postgresql/<version>/bin, off the PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"),
                   key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0)
    if found:
        return found[-1]
    on_path = shutil.which(program)
    if on_path:
        return on_path
    raise RuntimeError(f"PostgreSQL's {program} not found: apt-get install postgresql")


def required_program(program: str, package: str) -> str:
    path = shutil.which(program) or (f"/usr/sbin/{program}" if os.path.exists(f"/usr/sbin/{program}") else None)
    if not path:
        raise RuntimeError(f"{program} not found: apt-get install {package}")
    return path


class PostgreSQL:
    """A database cluster of its own; as root it runs as the postgres user, as it must."""

    def __init__(self, port: int, logs: Path) -> None:
        self.port = port
        self.user, self.password, self.database = "rasa", secrets.token_hex(12), "rasa"
        self.run_as = "postgres" if os.geteuid() == 0 else None
        # Not under pytest's 0700 base directory, which the postgres user cannot enter.
        self.home = Path(tempfile.mkdtemp(prefix="liver-insight-pg-"))
        self.data = self.home / "data"
        self.service = Service(
            "postgresql",
            [postgres_bin("postgres"), "-D", str(self.data), "-p", str(port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.home}"],
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
            [postgres_bin("initdb"), "-D", str(self.data), "-U", self.user,
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
        wait_until(lambda: self.connect("postgres").close() is None, 120, "PostgreSQL",
                   self.service.process, self.service.log)
        connection = self.connect("postgres")
        connection.autocommit = True  # CREATE DATABASE runs outside a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.database,))
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            connection.close()

    def remove(self) -> None:
        self.service.stop()
        shutil.rmtree(self.home, ignore_errors=True)


class Redis:
    def __init__(self, port: int, logs: Path, workdir: Path) -> None:
        self.port, self.password = port, secrets.token_hex(12)
        self.service = Service(
            "redis",
            [required_program("redis-server", "redis-server"), "--port", str(port),
             "--bind", "127.0.0.1", "--requirepass", self.password, "--dir", str(workdir),
             "--save", "", "--appendonly", "no", "--daemonize", "no"],
            logs / "redis.log",
        )

    def start(self) -> None:
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, password=self.password)
        self.service.start()
        wait_until(client.ping, 60, "Redis", self.service.process, self.service.log)


def render_nginx_template(port: int, upstreams: List[str], log_hash_key: str) -> str:
    """What envsubst makes of the shipped template with its three variables."""
    values = {
        "NGINX_PORT": str(port),
        "NGINX_LOG_HASH_KEY": log_hash_key,
        "RASA_UPSTREAM_SERVERS": " ".join(f"server {address} max_fails=1 fail_timeout=10s;"
                                          for address in upstreams),
    }
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    rendered = re.sub(r"\$\{([A-Z_]+)\}", lambda match: values[match.group(1)], text)
    return rendered


class Nginx:
    def __init__(self, port: int, upstreams: List[str], logs: Path, prefix: Path) -> None:
        self.port, self.prefix = port, prefix
        self.access_log = logs / "nginx-access.log"
        self.log_hash_key = secrets.token_hex(16)
        prefix.mkdir(parents=True, exist_ok=True)
        (prefix / "rasa.conf").write_text(render_nginx_template(port, upstreams, self.log_hash_key))
        (prefix / "njs").mkdir(exist_ok=True)
        shutil.copy(NGINX_LOG_SCRIPT, prefix / "njs" / NGINX_LOG_SCRIPT.name)
        if not os.path.exists(NGINX_JS_MODULE):
            raise RuntimeError("nginx's njs module is missing: apt-get install libnginx-mod-http-js")
        # Only what a machine's own nginx.conf holds: modules, process, paths, logs. The
        # routing, limits and log format are the shipped template's.
        (prefix / "nginx.conf").write_text(f"""
load_module {NGINX_JS_MODULE};
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {logs}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include rasa.conf;
    access_log {self.access_log} rasa_upstream;
}}
""")
        binary = required_program("nginx", "nginx")
        check = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejects the rendered template:\n{check.stderr}")
        self.service = Service("nginx", [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               logs / "nginx.log", stop_signal=signal.SIGQUIT)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def key_hash(self, conversation_key: str) -> str:
        """What the access log shows for a conversation (njs/conversation_log.js)."""
        import hashlib
        import hmac

        return hmac.new(self.log_hash_key.encode(), conversation_key.encode(),
                        hashlib.sha256).hexdigest()[:16]

    def start(self) -> None:
        self.service.start()

        def listening() -> bool:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                return True

        wait_until(listening, 30, "nginx", self.service.process, self.service.log)


class ActionServer:
    def __init__(self, port: int, logs: Path) -> None:
        self.port = port
        self.service = Service("actions", [str(RASA), "run", "actions", "--port", str(port)],
                               logs / "actions.log", env={**os.environ, **QUIET_ENV})

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def start(self) -> None:
        self.service.start()

    def wait(self) -> None:
        wait_until(lambda: requests.get(f"http://127.0.0.1:{self.port}/health", timeout=5).ok,
                   RASA_START_TIMEOUT_S, "the action server", self.service.process, self.service.log)


class RasaReplica:
    def __init__(self, name: str, port: int, model: Path, env: Dict[str, str], logs: Path) -> None:
        self.name, self.port = name, port
        self.service = Service(
            name,
            [str(RASA), "run", "--port", str(port), "--interface", "127.0.0.1",
             "--model", str(model), "--endpoints", str(ENDPOINTS),
             "--credentials", str(CREDENTIALS), "--enable-api", "--auth-token", API_TOKEN],
            logs / f"{name}.log", env=env, stop_signal=signal.SIGINT,
        )

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        self.service.start()

    def wait(self) -> None:
        def loaded() -> bool:
            status = requests.get(f"http://{self.address}/status",
                                  params={"token": API_TOKEN}, timeout=5)
            return status.ok and bool(status.json().get("model_id"))

        wait_until(loaded, RASA_START_TIMEOUT_S, self.name, self.service.process, self.service.log)


class Stack:
    """Two Rasa replicas and an action server behind nginx, sharing PostgreSQL and Redis."""

    def __init__(self, model: Path, workdir: Path, nginx_home: Path, replicas: int = 2) -> None:
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.postgres = PostgreSQL(free_port(), self.logs)
        self.redis = Redis(free_port(), self.logs, workdir)
        self.actions = ActionServer(free_port(), self.logs)
        nginx_port = free_port()
        env = {
            **os.environ,
            **QUIET_ENV,
            "ACTION_SERVER_URL": self.actions.webhook,
            "DB_HOST": "127.0.0.1",
            "DB_PORT": str(self.postgres.port),
            "DB_DATABASE": self.postgres.database,
            "DB_USER": self.postgres.user,
            "DB_PASSWORD": self.postgres.password,
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.redis.port),
            "REDIS_PASSWORD": self.redis.password,
            "TICKET_LOCK_LIFETIME": str(TICKET_LOCK_LIFETIME_S),
            # The socket.io channel admits pages of the site nginx serves, as in production.
            "CORS_ORIGINS": f"http://127.0.0.1:{nginx_port}",
            # Required by deploy/credentials.yml; one secret for both replicas.
            "SOCKETIO_SESSION_SECRET": secrets.token_hex(32),
        }
        self.replicas = [RasaReplica(f"rasa-{number}", free_port(), model, env, self.logs)
                         for number in range(1, replicas + 1)]
        self.nginx = Nginx(nginx_port, [replica.address for replica in self.replicas],
                           self.logs, nginx_home)

    def services(self) -> List[Service]:
        """In the order they start; they stop in the reverse order."""
        return ([self.postgres.service, self.redis.service, self.actions.service]
                + [replica.service for replica in self.replicas] + [self.nginx.service])

    def start(self) -> None:
        self.postgres.start()
        self.redis.start()
        self.actions.start()
        for replica in self.replicas:
            replica.start()
        self.actions.wait()
        for replica in self.replicas:
            replica.wait()
        self.nginx.start()

    def stop(self) -> None:
        for service in reversed(self.services()):
            service.stop()

    def remove(self) -> None:
        self.stop()
        self.postgres.remove()
