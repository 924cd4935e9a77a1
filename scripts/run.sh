#!/usr/bin/env bash
# Starts the action server (5055), the Rasa server (5005, rest + socketio) and the chat
# widget's demo page (8000), waits until they answer, prints how to chat, and stops them all
# on Ctrl-C. Called by `make run`.
# They listen on 127.0.0.1 only; HOST=0.0.0.0 opens the Rasa server and the demo page to
# the network (the action server stays local). No secret goes on a command line: `ps`
# shows command lines to every user.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
CREDENTIALS=${CREDENTIALS:-credentials.yml}
WEB_PORT=${WEB_PORT:-8000}
HOST=${HOST:-127.0.0.1}
# Where this script checks that the servers answer.
case "$HOST" in 0.0.0.0|::|"[::]") probe_host=127.0.0.1 ;; *) probe_host=$HOST ;; esac
# The sites whose pages may use the assistant (REST and Socket.IO), one by one.
CORS_ORIGINS=${CORS_ORIGINS:-"http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT"}
if [[ "$CORS_ORIGINS" == *"*"* ]]; then
  echo "error: CORS_ORIGINS must list sites one by one ('*' would let any site use the assistant)" >&2
  exit 1
fi

# Signs the widget's session ids (server/channels/socket_sessions.py). Generated once into
# the git-ignored .data/ so sessions survive a restart; production sets its own.
if [ -z "${SOCKETIO_SESSION_SECRET:-}" ]; then
  secret_file=.data/socketio-session-secret
  if [ ! -s "$secret_file" ]; then
    mkdir -p .data
    (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_hex(32))' > "$secret_file")
  fi
  SOCKETIO_SESSION_SECRET=$(cat "$secret_file")
fi
export SOCKETIO_SESSION_SECRET

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop INT TERM EXIT

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$RASA_PORT" "$ACTIONS_PORT"; do
  if port_in_use "$port"; then
    echo "error: port $port is already in use (is the assistant already running?)" >&2
    exit 1
  fi
done
# The demo page is a convenience: a busy port costs the page, not the assistant.
web_url="http://localhost:$WEB_PORT"
if port_in_use "$WEB_PORT"; then
  echo "warning: port $WEB_PORT is in use: the widget's demo page is not served (set WEB_PORT)" >&2
  web_url=""
fi

# Only the Rasa server on this machine calls the action server.
# scripts/run_module.py runs a module as `python -m` does, with the known third-party
# deprecation warnings filtered (the Makefile exports PYTHONWARNINGS).
# It keeps a silent connection open past endpoints.yml's timeout (deploy/actions.Dockerfile says why).
SANIC_HOST=127.0.0.1 SANIC_KEEP_ALIVE_TIMEOUT=75 \
  .venv/bin/python scripts/run_module.py rasa_sdk --actions actions --port "$ACTIONS_PORT" &
pids+=($!)

# The HTTP API (trackers, model, events) is on only when RASA_AUTH_TOKEN is set, and only
# for that token: server/launch.py reads it from the environment.
# shellcheck disable=SC2086
CORS_ORIGINS="$CORS_ORIGINS" .venv/bin/python scripts/run_module.py server.launch --interface "$HOST" --port "$RASA_PORT" \
  --endpoints "$ENDPOINTS" --credentials "$CREDENTIALS" --cors $CORS_ORIGINS &
pids+=($!)

if [ -n "$web_url" ]; then
  # The widget's demo page and bundle (web/, built by `make web`).
  WEB_HOST="$HOST" WEB_PORT="$WEB_PORT" RASA_PORT="$RASA_PORT" .venv/bin/python tools/serve_web.py &
  pids+=($!)
fi

echo "Starting the action server and the Rasa server (loading the model takes a moment)..."
until curl -fsS "http://$probe_host:$RASA_PORT/" >/dev/null 2>&1 \
   && curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1 \
   && { [ -z "$web_url" ] || curl -fsS "http://$probe_host:$WEB_PORT/" >/dev/null 2>&1; }; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "error: a server exited during start-up; see above" >&2; exit 1; }
  done
  sleep 1
done

cat <<EOT

The assistant is running.
  Chat on the web:       ${web_url:-"(not served: port $WEB_PORT was in use)"}   (the widget's demo page)
  Chat in the terminal:  make shell            (in another terminal)
  REST channel:          curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"what is MASLD?"}'
  Socket.IO channel:     http://localhost:$RASA_PORT/socket.io
  HTTP API:              $([ -n "${RASA_AUTH_TOKEN:-}" ] && echo "on, with your RASA_AUTH_TOKEN" || echo "off (set RASA_AUTH_TOKEN to enable it)")
Press Ctrl-C to stop.
EOT
wait -n "${pids[@]}"
