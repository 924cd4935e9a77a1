"""Where our Rasa server spends its time on a message: a py-spy profile, sorted into parts.

One user sends held-out questions one after the other (a new conversation every 10
turns) while py-spy samples the Rasa server for PROFILE_S seconds. Each sampled stack
goes to the first part whose marker it contains; the shares are of all samples taken
while the server was working. py-spy comes with .bench-venv (bench/requirements.txt);
sampling needs ptrace, so where it is not allowed the section says so and the run goes on.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import requests

from bench.load import realistic_messages
from bench.servers import ROOT, Server, command_line, is_rasa_server, process_tree

PY_SPY = ROOT / ".bench-venv" / "bin" / "py-spy"
PROFILE_S = 30
RATE_HZ = 200
TENSORFLOW = ("tensorflow", "keras")
SKLEARN = ("sklearn", "scipy", "linear_intent_classifier")
# (part, markers in the stack that must all be present, markers of which one must be).
PARTS: List[Tuple[str, Tuple[str, ...], Tuple[str, ...]]] = [
    ("NLU: intent classifier (TF-IDF, linear SVM)", ("parse_message",), SKLEARN),
    ("NLU: other components (tokenizer, red flags, skills, follow-ups)", ("parse_message",), ("",)),
    ("dialogue policies: TensorFlow (TED)", ("predict_next",), TENSORFLOW),
    ("dialogue policies: states, rules, memoization", ("predict_next",), ("",)),
    ("tracker store: save", ("save",), ("tracker_store", "conversation_store", "sqlalchemy")),
    ("tracker store: load", (), ("tracker_store", "recent_window", "conversation_store", "sqlalchemy")),
    ("custom action call (HTTP, JSON, response check)", (), ("_run_action", "RemoteAction", "action_validation")),
    ("HTTP server and channel", (), ("sanic", "channels/rest", "send_response")),
]


def part_of(stack: str) -> str:
    for name, required, any_of in PARTS:
        if all(marker in stack for marker in required) and any(marker in stack for marker in any_of):
            return name
    return "other (Rasa's bookkeeping, event loop)"


def shares(raw: str) -> Dict[str, float]:
    """Part -> share of samples, from py-spy's raw output (one `stack count` per line)."""
    counts: Counter = Counter()
    for line in raw.splitlines():
        stack, _, number = line.rpartition(" ")
        if stack and number.isdigit():
            counts[part_of(stack)] += int(number)
    total = sum(counts.values())
    return {name: count / total for name, count in counts.most_common()} if total else {}


def _rasa_server_pid(server: Server) -> int:
    for pid in process_tree(server.process.pid):
        if is_rasa_server(command_line(pid)):
            return pid
    raise RuntimeError("no Rasa server process found under scripts/run.sh")


def measure(server: Server, seconds: int = PROFILE_S) -> Optional[Dict]:
    if not PY_SPY.exists():
        return None
    messages = realistic_messages(2000, seed=11)
    sent = [0]
    stop = threading.Event()

    def one_user() -> None:
        while not stop.is_set() and sent[0] < len(messages):
            number = sent[0]
            requests.post(server.webhook, json={"sender": f"profile-{number // 10}", "message": messages[number]},
                          timeout=60)
            sent[0] += 1

    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "raw.txt"
        driver = threading.Thread(target=one_user)
        driver.start()
        try:
            result = subprocess.run(
                [str(PY_SPY), "record", "--pid", str(_rasa_server_pid(server)), "--duration", str(seconds),
                 "--rate", str(RATE_HZ), "--format", "raw", "--output", str(output), "--nonblocking"],
                capture_output=True, text=True,
            )
        finally:
            stop.set()
            driver.join()
        if result.returncode != 0 or not output.exists():
            return {"error": (result.stderr.strip().splitlines() or ["py-spy failed"])[-1]}
        return {"seconds": seconds, "messages": sent[0], "shares": shares(output.read_text())}
