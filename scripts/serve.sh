#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it at http://127.0.0.1:8080
# (PORT=N for another port). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-web.sh
port="${PORT:-8080}"
echo "serve: open http://127.0.0.1:$port"
exec python3 -m http.server "$port" --bind 127.0.0.1
