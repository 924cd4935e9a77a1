#!/usr/bin/env bash
# `make shell`: rasa shell in this terminal. It loads its own copy of the model on port 5006
# (so it does not clash with `make run` on 5005) and uses the action server on 5055,
# starting one for the session if none is running.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONS_PORT=${ACTIONS_PORT:-5055}
started=""
if ! curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1; then
  SANIC_HOST=127.0.0.1 SANIC_KEEP_ALIVE_TIMEOUT=75 .venv/bin/rasa run actions --port "$ACTIONS_PORT" >/dev/null 2>&1 &
  started=$!
  trap 'kill $started 2>/dev/null || true' EXIT
  until curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1; do sleep 0.5; done
fi
.venv/bin/rasa shell --port "${SHELL_PORT:-5006}"
