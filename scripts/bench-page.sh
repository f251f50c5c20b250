#!/usr/bin/env bash
# Prints the page's time budgets of DESIGN.md, measured in headless Chromium by
# tests/e2e/bench.mjs: navigation → a prompt that takes a typed key (cold and warm cache,
# ≤ 500 ms) and a command's render with 200 objects on screen (≤ 16 ms). Builds the page
# first if pkg/ is missing. `--strict` fails over budget; without it the figures are a report.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f pkg/berth_web_bg.wasm ]; then
  scripts/build-web.sh >&2
fi
node tests/e2e/bench.mjs "$@"
