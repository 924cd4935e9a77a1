"""A newcomer's first `make run`: from a fresh clone to the first answer (BENCH_FIRST_RUN=1).

Clones the committed HEAD into a temp dir and runs `make run` there on free ports: it
installs .venv with uv (from this machine's uv cache, as on any machine that installed the
project once; a first install ever also downloads the packages), trains the model from
scratch and starts the servers. The clock stops at the first REST answer.

The chat widget's build is left out: the benchmark never runs npm, so the clone gets the
built widget (web/dist) and make is told not to rebuild it (`-o`). It is the one step of a
first `make run` not timed here.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict

from bench.servers import ROOT, start_our_bot

WIDGET = Path("web") / "dist" / "widget.js"
# Install, train and start together; a stuck step still ends the run.
TIMEOUT_S = 1200


def clone(into: Path) -> str:
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(into)], check=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=into, capture_output=True,
                            text=True, check=True).stdout.strip()
    if (ROOT / WIDGET).exists():
        shutil.copytree(ROOT / WIDGET.parent, into / WIDGET.parent, dirs_exist_ok=True)
    return commit


def measure(log_dir: Path) -> Dict:
    with tempfile.TemporaryDirectory(prefix="bench-first-run-") as tmp:
        checkout = Path(tmp) / "clone"
        commit = clone(checkout)
        started = time.monotonic()
        server = start_our_bot(log_dir, label="first make run", checkout=checkout, timeout_s=TIMEOUT_S,
                               command=("make", "--no-print-directory", "-o", str(WIDGET), "run"))
        server.stop()
        return {"first_answer_s": server.startup_s, "commit": commit,
                "note": "fresh clone, uv cache warm, widget build not timed",
                "wall_s": time.monotonic() - started}
