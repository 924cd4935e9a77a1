"""Real PostgreSQL, Redis, nginx, action server and Rasa replicas on loopback ports.

Each service runs in the foreground under a process this module started, with its files
in a temporary directory, and is stopped by its own process id. nginx runs the shipped
template (deploy/nginx/rasa.conf.template) with only its ports filled in, and the Rasa
replicas run the shipped deploy/endpoints.yml and deploy/credentials.yml with the
credentials in the environment, as in production.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
from pathlib import Path
from typing import Dict, List

import requests

from tests.conftest import ROOT
from tests.harness.ports import free_port
from tests.harness.postgres import PostgreSQL
from tests.harness.processes import Service
from tests.harness.redis import Redis
from tests.harness.waiting import wait_until

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


def required_program(program: str, package: str) -> str:
    path = shutil.which(program) or (f"/usr/sbin/{program}" if os.path.exists(f"/usr/sbin/{program}") else None)
    if not path:
        raise RuntimeError(f"{program} not found: apt-get install {package}")
    return path


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

    def access_log_with(self, text: str, timeout_s: float = 10) -> str:
        """The access log once a line holds `text`: nginx writes a request's line after it
        has sent the response (a WebSocket's when it closes), so a client can be first."""
        read = [""]

        def written() -> bool:
            read[0] = self.access_log.read_text()
            return text in read[0]

        wait_until(written, timeout_s, f"an nginx access log line with {text!r}", log=self.access_log)
        return read[0]

    def start(self) -> None:
        self.service.start()

        def listening() -> bool:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                return True

        self.service.wait_until(listening, 30)


# The shipped image's value (deploy/actions.Dockerfile says why).
ACTION_SERVER_KEEP_ALIVE_S = re.search(
    r"SANIC_KEEP_ALIVE_TIMEOUT=(\d+)", (ROOT / "deploy" / "actions.Dockerfile").read_text()).group(1)


class ActionServer:
    def __init__(self, port: int, logs: Path) -> None:
        self.port = port
        self.service = Service("actions", [str(RASA), "run", "actions", "--port", str(port)],
                               logs / "actions.log", env={"SANIC_KEEP_ALIVE_TIMEOUT": ACTION_SERVER_KEEP_ALIVE_S})

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def start(self) -> None:
        self.service.start()

    def wait(self) -> None:
        self.service.wait_until(
            lambda: requests.get(f"http://127.0.0.1:{self.port}/health", timeout=5).ok, RASA_START_TIMEOUT_S)


class RasaReplica:
    def __init__(self, name: str, port: int, model: Path, env: Dict[str, str], logs: Path) -> None:
        self.name, self.port = name, port
        # As deploy/rasa.Dockerfile starts it: the API token from the environment.
        self.service = Service(
            name,
            [str(ROOT / ".venv" / "bin" / "python"), "-m", "server.launch", "--port", str(port),
             "--interface", "127.0.0.1", "--model", str(model), "--endpoints", str(ENDPOINTS),
             "--credentials", str(CREDENTIALS)],
            logs / f"{name}.log", env={**env, "RASA_AUTH_TOKEN": API_TOKEN}, stop_signal=signal.SIGINT,
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

        self.service.wait_until(loaded, RASA_START_TIMEOUT_S)


class Stack:
    """Two Rasa replicas and an action server behind nginx, sharing PostgreSQL and Redis."""

    def __init__(self, model: Path, postgres: PostgreSQL, workdir: Path, nginx_home: Path,
                 replicas: int = 2) -> None:
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.postgres = postgres
        self.redis = Redis(self.logs, workdir)
        self.actions = ActionServer(free_port(), self.logs)
        nginx_port = free_port()
        env = {
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
        """In the order they start (after PostgreSQL, which the session shares); they stop
        in the reverse order."""
        return ([self.redis.service, self.actions.service]
                + [replica.service for replica in self.replicas] + [self.nginx.service])

    def start(self, replicas: int = 0) -> None:
        """Every service; only the first `replicas` Rasa replicas when given (each loads
        the model: a restart need not load it twice)."""
        if not self.postgres.service.running:
            self.postgres.start()
        self.redis.start()
        self.actions.start()
        started = self.replicas[:replicas] if replicas else self.replicas
        for replica in started:
            replica.start()
        self.actions.wait()
        for replica in started:
            replica.wait()
        self.nginx.start()

    def stop(self) -> None:
        """Every service of the stack, PostgreSQL too."""
        for service in reversed(self.services()):
            service.stop()
        self.postgres.stop()
