#!/usr/bin/env bash
# What `make test` (and `make web`) needs from the system package manager, and nothing else:
# checks each program, then installs everything missing in one apt-get call when run as root,
# or prints the one command to run and exits with 1. Called by `make system-deps`, which
# `make test` and .ci/run run first.
#
#   scripts/system-deps.sh                  everything make test needs
#   scripts/system-deps.sh node curl        only these (names below)
#
# postgresql  PostgreSQL server programs (tests/integration, tests/system/privacy)
# redis       redis-server (tests/integration: per-conversation locks)
# nginx       nginx with njs, which hashes conversation ids in the access log (tests/integration)
# chromium    Debian's Chromium, which the browser tests drive (tests/system/browser)
# fonts       DejaVu and Liberation, so the browser screenshots are legible
# node        Node.js and npm, which build the chat widget (make web)
# curl        scripts/run.sh waits for the servers with it
set -euo pipefail

ALL=(postgresql redis nginx chromium fonts node curl)
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=("${ALL[@]}")

have() { command -v "$1" >/dev/null 2>&1; }

missing=()
need() { missing+=("$@"); }

for part in "${wanted[@]}"; do
  case "$part" in
    postgresql)
      compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need postgresql ;;
    redis)
      have redis-server || need redis-server ;;
    nginx)
      { have nginx || [ -x /usr/sbin/nginx ]; } || need nginx
      [ -e /usr/lib/nginx/modules/ngx_http_js_module.so ] || need libnginx-mod-http-js ;;
    chromium)
      have chromium || need chromium ;;
    fonts)
      [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need fonts-dejavu-core
      compgen -G '/usr/share/fonts/truetype/liberation*/LiberationSans-Regular.ttf' >/dev/null \
        || need fonts-liberation ;;
    node)
      # (NodeSource's nodejs brings its own npm; Debian's comes apart.)
      have node || need nodejs
      have npm || need npm ;;
    curl)
      have curl || need curl ;;
    *)
      echo "scripts/system-deps.sh: unknown part '$part' (one of: ${ALL[*]})" >&2
      exit 2 ;;
  esac
done

# The widget's build (esbuild) needs Node.js 18 or later; apt-get cannot fix an older one.
if [[ " ${wanted[*]} " == *" node "* ]] && have node \
    && ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "error: the chat widget needs Node.js 18 or later; this is $(node --version)" >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Missing system packages: ${missing[*]}"
if ! have apt-get; then
  echo "error: no apt-get here: install the equivalents of these Debian packages with your" >&2
  echo "  system's package manager, then run make again: ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing them needs root. Run this once, then make again:" >&2
  echo >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing them with apt-get (running as root)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# dpkg's progress lines go to stdout; errors still show.
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
