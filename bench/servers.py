"""Start and stop the servers the benchmarks measure, as `make run` starts them.

Our assistant runs through scripts/run.sh (action server + Rasa server) on free ports, in
its own process group so it stops as Ctrl-C stops it. The floor bot is a bare `rasa run`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv" / "bin" / "rasa"
TOKEN = "bench-token"
START_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def newest_model(directory: Path = ROOT / "models") -> Path:
    models = sorted(directory.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        raise SystemExit(f"no trained model in {directory}: run `make train` first")
    return models[-1]


def process_tree(pid: int) -> List[int]:
    """The pid and all its descendants, read from /proc (no psutil in the Rasa env)."""
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def is_rasa_server(cmd: str) -> bool:
    """`rasa run` (the floor bot) or server.launch, which scripts/run.sh starts for ours."""
    serves = "rasa run" in cmd or "server.launch" in cmd
    return serves and "rasa run actions" not in cmd and "rasa_sdk" not in cmd


def rss_mib(pids: List[int]) -> float:
    """Resident memory of these processes together, in MiB."""
    total_kib = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


@dataclass
class Server:
    """A running bot: its REST URL, its process group and how long it took to answer."""

    name: str
    rasa_url: str
    process: subprocess.Popen
    log_path: Path
    startup_s: float = 0.0
    tracker_store: str = "InMemoryTrackerStore (Rasa's default)"
    workdir: Optional[tempfile.TemporaryDirectory] = field(default=None, repr=False)

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    def memory_mib(self) -> Dict[str, float]:
        """RSS of the Rasa server and of the action server (each with its children)."""
        figures = {"rasa_server": 0.0, "action_server": 0.0}
        for pid in process_tree(self.process.pid):
            cmd = command_line(pid)
            if "rasa run actions" in cmd or "rasa_sdk" in cmd:
                figures["action_server"] += rss_mib([pid])
            elif is_rasa_server(cmd):
                figures["rasa_server"] += rss_mib([pid])
        return figures

    def parse(self, text: str) -> dict:
        response = requests.post(
            f"{self.rasa_url}/model/parse", params={"token": TOKEN}, json={"text": text}, timeout=60
        )
        response.raise_for_status()
        return response.json()

    def stop(self) -> None:
        """Ctrl-C to the whole process group, as a user stops `make run`."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        if self.workdir is not None:
            self.workdir.cleanup()


def _wait_for_first_answer(server: Server, started: float, timeout_s: float = START_TIMEOUT_S) -> None:
    """Start-up time ends at the first REST answer, which is what a user waits for."""
    deadline = started + timeout_s
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}; see {server.log_path}")
        try:
            response = requests.post(
                server.webhook, json={"sender": "bench-startup", "message": "hello"}, timeout=30
            )
            if response.status_code == 200 and response.json():
                server.startup_s = time.monotonic() - started
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"{server.name} gave no answer in {timeout_s:.0f} s; see {server.log_path}")
        time.sleep(0.25)


def bench_endpoints(actions_port: int, workdir: Path, store_changes: Optional[dict] = None) -> Path:
    """The project's endpoints.yml as `make run` uses it, pointed at this run's action server.

    A SQLite tracker store gets a file in the temp dir, so the benchmark never writes into
    the developer's conversations. `store_changes` overrides fields of the tracker store
    (to measure what a setting is worth).
    """
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text()) or {}
    endpoints.setdefault("action_endpoint", {})["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    if store_changes:
        endpoints["tracker_store"] = {**(endpoints.get("tracker_store") or {}), **store_changes}
    store = endpoints.get("tracker_store")
    if isinstance(store, dict) and store.get("dialect", "sqlite") == "sqlite" and "db" in store:
        store["db"] = str(workdir / "conversations.db")
    path = workdir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def describe_tracker_store(endpoints: Path) -> str:
    store = (yaml.safe_load(endpoints.read_text()) or {}).get("tracker_store")
    if not store:
        return "InMemoryTrackerStore (Rasa's default)"
    kind = store.get("type", "?")
    details = [store["dialect"]] if store.get("dialect") else []
    if "recent_turns" in store:
        turns = store["recent_turns"]
        details.append(f"recent_turns: {turns}" + (" = whole session" if not turns else ""))
    return f"{kind} ({', '.join(details)})" if details else kind


def start_our_bot(log_dir: Path, store_changes: Optional[dict] = None, label: str = "our bot",
                  command: Sequence[str] = ("scripts/run.sh",), checkout: Path = ROOT,
                  timeout_s: float = START_TIMEOUT_S) -> Server:
    """scripts/run.sh on free ports with the newest model in models/ and the HTTP API on.

    `command` and `checkout` time another way in, such as `make run` in a fresh clone."""
    workdir = tempfile.TemporaryDirectory(prefix="bench-bot-")
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    endpoints = bench_endpoints(actions_port, Path(workdir.name), store_changes)
    env = {
        **os.environ,
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(web_port),
        "ENDPOINTS": str(endpoints),
        "RASA_AUTH_TOKEN": TOKEN,
    }
    log_path = log_dir / f"{label.replace(' ', '-')}.log"
    started = time.monotonic()
    process = subprocess.Popen(
        list(command), cwd=checkout, env=env, stdout=open(log_path, "w"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = Server(label, f"http://127.0.0.1:{rasa_port}", process, log_path, workdir=workdir)
    server.tracker_store = describe_tracker_store(endpoints)
    _wait_for_first_answer(server, started, timeout_s)
    return server


def start_floor_bot(model: Path, log_dir: Path) -> Server:
    """A bare `rasa run` of the floor bot's model: REST channel only, no action server."""
    workdir = tempfile.TemporaryDirectory(prefix="bench-floor-")
    credentials = Path(workdir.name) / "credentials.yml"
    credentials.write_text("rest:\n")
    port = free_port()
    log_path = log_dir / "floor-bot.log"
    started = time.monotonic()
    process = subprocess.Popen(
        [str(RASA), "run", "--model", str(model), "--port", str(port),
         "--credentials", str(credentials), "--enable-api", "--auth-token", TOKEN],
        cwd=workdir.name, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server("floor bot", f"http://127.0.0.1:{port}", process, log_path, workdir=workdir)
    _wait_for_first_answer(server, started)
    return server
