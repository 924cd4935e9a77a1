"""`make bench`: every figure of docs/benchmarks.md, measured in one run on this machine.

Order: our bot's accuracy on the three question sets, with the model loaded in-process;
train the floor bot (and ours from scratch with BENCH_TRAIN=1); start three servers (our bot as configured, our bot loading the
whole session as stock Rasa does, the floor bot); accuracy over /model/parse; latency at 1,
8 and 32 users, the three taking turns at each level so all see the same load;
conversation length; a profile of our Rasa server; memory; stop them; the action response check, stock and built once;
the baselines (in .bench-venv, on the questions our bot trains
on, with no server running); with BENCH_FIRST_RUN=1, a newcomer's first `make run` from a
fresh clone; then the report and the chart.

BENCH_QUICK=1 sends few messages (for development); the figures are then only a smoke test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import (
    accuracy_bot,
    action_validation,
    conversation_length,
    cost,
    first_run,
    latency,
    profile,
    report,
    skills,
    training_data,
)
from bench.servers import ROOT, newest_model, start_floor_bot, start_our_bot

BENCH_PYTHON = ROOT / ".bench-venv" / "bin" / "python"
RESULTS_DIR = ROOT / "bench" / "results"
# Our bot as stock Rasa loads a conversation: every event of the session on every message.
WHOLE_SESSION = {"recent_turns": 0}


def sizes() -> dict:
    if os.environ.get("BENCH_QUICK") == "1":
        return {"messages_per_level": 16, "sets": 1, "turns": 50, "quick": True}
    return {"messages_per_level": 128, "sets": 2, "turns": 100, "quick": False}


def step(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def start_all(work: Path, floor_model: str) -> dict:
    """Our bot as configured, our bot loading whole sessions, the floor bot: one after the other,
    so each start-up time is its own, then all three stay up for the measurements."""
    servers: dict = {}
    try:
        step("starting our bot (scripts/run.sh, endpoints.yml as configured)")
        servers["ours"] = start_our_bot(work)
        step("starting our bot loading whole sessions (recent_turns: 0)")
        servers["whole_session"] = start_our_bot(work, store_changes=WHOLE_SESSION, label="our bot, whole session")
        step("starting the floor bot (rasa run)")
        servers["floor"] = start_floor_bot(Path(floor_model), work)
    except Exception:
        for server in servers.values():
            server.stop()
        raise
    return servers


def measure_servers(work: Path, size: dict, floor_model: str) -> dict:
    servers = start_all(work, floor_model)
    results: dict = {"tracker_store": servers["ours"].tracker_store,
                     "whole_session_tracker_store": servers["whole_session"].tracker_store}
    try:
        results["startup_s"] = {name: server.startup_s for name, server in servers.items()}
        step("latency and throughput (the three bots take turns at each level)")
        results["latency"] = {name: [] for name in servers}
        for users in latency.CONCURRENCY:
            for name, server in servers.items():
                results["latency"][name].extend(
                    latency.measure(server.webhook, name, size["messages_per_level"], levels=(users,),
                                    warm_up=users == latency.CONCURRENCY[0])
                )
        step("conversation length")
        results["conversation_length"] = {
            name: conversation_length.measure(server.webhook, size["sets"], name, size["turns"])
            for name, server in servers.items()
        }
        lengths = results["conversation_length"]
        lengths["ours"]["same_replies"] = conversation_length.same_replies(lengths["whole_session"], lengths["ours"])
        step("where our bot's time goes (py-spy on the Rasa server, one user)")
        results["profile"] = profile.measure(servers["ours"], seconds=10 if size["quick"] else profile.PROFILE_S)
        results["memory_mib"] = {name: server.memory_mib() for name, server in servers.items()}
    finally:
        step("stopping the servers")
        for server in servers.values():
            server.stop()
    return results


def main() -> None:
    size = sizes()
    RESULTS_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        results = {"machine": cost.machine(), "sizes": size}
        step(f"machine: {results['machine']['cores']} cores, load {results['machine']['load_average_start']}")
        step("our bot's accuracy: held-out, FAQ-style and follow-up questions (model loaded in-process)")
        results["accuracy_ours"] = accuracy_bot.measure(newest_model())
        step("training the floor bot")
        floor = cost.train_floor_bot(work / "floor-model", work / "floor-train.log")
        results["cost"] = {"ours": {**cost.our_model(), **cost.our_training_time(work)}, "floor": floor}
        results.update(measure_servers(work, size, floor["model"]))
        step("conversation skills on held-out messages (the model loaded in-process)")
        results["skills"] = skills.measure()
        step("action response check: stock jsonschema.validate and the validator built once")
        results["action_validation"] = action_validation.measure()
        step("baselines (TF-IDF, MiniLM, Universal Sentence Encoder) in .bench-venv, on our bot's training questions")
        training, alternatives = work / "training.json", work / "alternatives.json"
        training_data.export(training)
        subprocess.run([str(BENCH_PYTHON), "-m", "bench.accuracy_alternatives", str(training), str(alternatives)],
                       cwd=ROOT, check=True)
        results["accuracy_alternatives"] = json.loads(alternatives.read_text())
        if os.environ.get("BENCH_FIRST_RUN") == "1":
            step("a newcomer's first `make run`: fresh clone, install, train, first answer")
            results["first_run"] = first_run.measure(work)
        results["machine"]["load_average_end"] = cost.load_average()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"{stamp}.json").write_text(json.dumps(results, indent=1))
    doc = report.write(results)
    step(f"results in bench/results/{stamp}.json; report in {doc.relative_to(ROOT)} with its chart")


if __name__ == "__main__":
    sys.exit(main())
