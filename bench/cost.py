"""What the bots cost to build and to keep running: training time, model size, machine.

Our bot's training time is honest only when it was measured: `make bench` times `make
train` when it has to train (fresh clone, changed data) and stores the seconds in
models/.train-seconds beside the model. When the model was trained earlier by `make
train`, the report says so and gives the last measured figure instead of a guess.
BENCH_TRAIN=1 trains again from scratch (`rasa train --force`, config.yml's pipeline and
importer, as `make train` runs it) into a temp dir and times it, leaving models/ alone.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Dict, Optional

from bench.servers import RASA, ROOT, newest_model

FLOOR_BOT = ROOT / "bench" / "floor_bot"
TRAIN_SECONDS = ROOT / "models" / ".train-seconds"
# Rasa writes its cache (.rasa/) in the working directory; keep it out of bench/.
RASA_ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}


def mib(path: Path) -> float:
    return path.stat().st_size / 2**20


def train_floor_bot(out_dir: Path, log: Path) -> Dict:
    """Trains the floor bot from bench/floor_bot/ into out_dir; returns model and seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-floor-train-") as workdir, open(log, "w") as output:
        subprocess.run(
            [str(RASA), "train", "--config", str(FLOOR_BOT / "config.yml"),
             "--domain", str(FLOOR_BOT / "domain.yml"), "--data", str(FLOOR_BOT / "data"),
             "--out", str(out_dir), "--fixed-model-name", "floor"],
            cwd=workdir, env=RASA_ENV, stdout=output, stderr=subprocess.STDOUT, check=True,
        )
    model = out_dir / "floor.tar.gz"
    return {"model": str(model), "train_s": time.perf_counter() - started, "model_mib": mib(model)}


def our_training_time(log_dir: Path) -> Dict:
    model = newest_model()
    if os.environ.get("BENCH_TRAIN") == "1":
        with tempfile.TemporaryDirectory(prefix="bench-train-") as out, open(log_dir / "train.log", "w") as log:
            started = time.perf_counter()
            subprocess.run([str(RASA), "train", "--force", "--out", out], cwd=ROOT, env=RASA_ENV,
                           stdout=log, stderr=subprocess.STDOUT, check=True)
            seconds = time.perf_counter() - started
        return {"train_s": seconds, "train_source": "measured in this run (BENCH_TRAIN=1: `rasa train --force` into a temp dir)"}
    if TRAIN_SECONDS.exists() and TRAIN_SECONDS.stat().st_mtime >= model.stat().st_mtime:
        seconds = float(TRAIN_SECONDS.read_text().split()[0])
        when = dt.datetime.fromtimestamp(TRAIN_SECONDS.stat().st_mtime, dt.timezone.utc)
        return {"train_s": seconds, "train_source": f"measured when `make bench` trained this model ({when:%Y-%m-%d %H:%M} UTC)"}
    return {
        "train_s": None,
        "train_source": "not measured in this run, which did not train: the model in models/ was "
        "trained earlier by `make train`. `BENCH_TRAIN=1 make bench` times a from-scratch training here",
    }


def our_model() -> Dict:
    model = newest_model()
    inputs = [ROOT / "config.yml", ROOT / "domain.yml"] + sorted((ROOT / "content").glob("*.yml"))
    inputs += sorted((ROOT / "data").rglob("*.yml"))
    newer = [str(path.relative_to(ROOT)) for path in inputs if path.stat().st_mtime > model.stat().st_mtime]
    stale = ", ".join(newer[:3]) + (f" and {len(newer) - 3} more files" if len(newer) > 3 else "")
    return {"model": model.name, "model_mib": mib(model), "stale_inputs": stale}


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib() -> float:
    match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    return int(match.group(1)) / 2**20 if match else float("nan")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def git_commit() -> Optional[str]:
    completed = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return completed.stdout.strip() + (" (with uncommitted changes)" if dirty else "") if completed.returncode == 0 else None


def machine() -> Dict:
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(),
        "cpu": cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "rasa_sdk": version("rasa-sdk"),
        "tensorflow": version("tensorflow"),
        "commit": git_commit(),
        "load_average_start": load_average(),
    }
