#!/usr/bin/env bash
# `make test` once its prerequisites are met: the unit tier, which needs no model, runs while
# the model trains (one job on each of two cores); then the model, system and integration
# tiers, which load it. Training's output goes to models/train.log, shown if it fails.
set -uo pipefail
cd "$(dirname "$0")/.."

PYTEST=.venv/bin/pytest
TRAIN_LOG=models/train.log

mkdir -p models
echo "Training the model if it is stale, checking the data, beside the unit tier (log: $TRAIN_LOG)"
started=$(date +%s)
# In a process group of its own (set -m), so that Ctrl-C can stop make and rasa together.
set -m
make --no-print-directory train models/.validated >"$TRAIN_LOG" 2>&1 &
trainer=$!
set +m
trap 'kill -TERM -- -$trainer 2>/dev/null; exit 130' INT TERM

"$PYTEST" tests/unit
unit=$?

if ! wait "$trainer"; then
  cat "$TRAIN_LOG"
  echo "error: training or the data check failed (output above, also in $TRAIN_LOG)" >&2
  exit 1
fi
trap - INT TERM
grep -h "trained and saved" "$TRAIN_LOG" || echo "The model is up to date."
echo "Model ready $(( $(date +%s) - started )) s after the unit tier started."
[ "$unit" -eq 0 ] || exit "$unit"

# Fastest first: the model in-process, then one running stack, then the production profile.
exec "$PYTEST" tests/model tests/system tests/integration
