#!/usr/bin/env bash
# `make test` once its prerequisites are met. Two jobs at a time, one per core of a 2-core
# machine: first the unit tier (it needs no model) beside training; then the system tier
# beside the model and integration tiers. A tier that drives a server waits on it turn by
# turn, so it keeps about one core busy. Training's output goes to models/train.log, shown
# if it fails; the output of the tiers run in the background follows that of the system tier.
set -uo pipefail
cd "$(dirname "$0")/.."

PYTEST=.venv/bin/pytest
TRAIN_LOG=models/train.log
scratch=$(mktemp -d -t liver-insight-tests.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
background=""

# As Ctrl-C would (pytest then stops the servers its fixtures started), and waits for it.
stop_background() {
  if [ -n "$background" ] && kill -INT -- "-$background" 2>/dev/null; then
    wait "$background"
  fi
}
trap 'stop_background; exit 130' INT TERM

# Starts "$@" in the background, in a process group of its own (set -m) so that Ctrl-C
# stops it with its children (make and rasa; the servers a tier started).
start_background() {
  local log=$1; shift
  set -m
  "$@" >"$log" 2>&1 &
  background=$!
  set +m
}

mkdir -p models
echo "Training the model if it is stale, checking the data, beside the unit tier (log: $TRAIN_LOG)"
started=$(date +%s)
start_background "$TRAIN_LOG" make --no-print-directory train models/.validated

"$PYTEST" tests/unit
unit=$?

if ! wait "$background"; then
  cat "$TRAIN_LOG"
  echo "error: training or the data check failed (output above, also in $TRAIN_LOG)" >&2
  exit 1
fi
grep -h "trained and saved" "$TRAIN_LOG" || echo "The model is up to date."
echo "Model ready $(( $(date +%s) - started )) s after the unit tier started."
[ "$unit" -eq 0 ] || exit "$unit"

# The failover test loads two replicas on purpose: it waits until the system tier has ended
# (the file TESTS_BESIDE_DONE names), so that the load it measures is its own.
echo "tests/model and tests/integration run beside tests/system; their output follows it."
start_background "$scratch/beside.log" env TESTS_BESIDE_DONE="$scratch/system-tier-done" \
  "$PYTEST" tests/model tests/integration

"$PYTEST" tests/system
system=$?
touch "$scratch/system-tier-done"

wait "$background"
beside=$?
echo
echo "----- tests/model and tests/integration (run beside tests/system) -----"
cat "$scratch/beside.log"
[ "$system" -eq 0 ] && [ "$beside" -eq 0 ]
