#!/usr/bin/env bash
# Starts the action server (5055), the Rasa server (5005, rest + socketio) and the chat
# widget's demo page (8000), waits until they answer, prints how to chat, and stops them all
# on Ctrl-C. Called by `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
CREDENTIALS=${CREDENTIALS:-credentials.yml}
WEB_PORT=${WEB_PORT:-8000}
# The sites whose pages may use the assistant (REST and Socket.IO), one by one.
CORS_ORIGINS=${CORS_ORIGINS:-"http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT"}
if [[ "$CORS_ORIGINS" == *"*"* ]]; then
  echo "error: CORS_ORIGINS must list sites one by one ('*' would let any site use the assistant)" >&2
  exit 1
fi

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

.venv/bin/rasa run actions --port "$ACTIONS_PORT" &
pids+=($!)

api_args=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  # The HTTP API (trackers, model, events) is on only with a token, and only for that token.
  api_args=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi
# shellcheck disable=SC2086
CORS_ORIGINS="$CORS_ORIGINS" .venv/bin/rasa run --port "$RASA_PORT" --endpoints "$ENDPOINTS" --credentials "$CREDENTIALS" --cors $CORS_ORIGINS "${api_args[@]}" &
pids+=($!)

if [ -n "$web_url" ]; then
  # The widget's demo page and bundle (web/, built by `make web`).
  WEB_PORT="$WEB_PORT" RASA_PORT="$RASA_PORT" .venv/bin/python scripts/serve_web.py &
  pids+=($!)
fi

echo "Starting the action server and the Rasa server (loading the model takes a moment)..."
until curl -fsS "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1 \
   && curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1 \
   && { [ -z "$web_url" ] || curl -fsS "http://127.0.0.1:$WEB_PORT/" >/dev/null 2>&1; }; do
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
