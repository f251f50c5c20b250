#!/usr/bin/env bash
# The project's one test command. Installs what is missing (scripts/setup.sh), then: formatting,
# clippy for the native and the wasm32 targets, the engine-has-no-browser-dependency check, the
# native tests, the browser tests (headless Chromium), the page build, the end-to-end test, the
# size report and the page's time budgets (a report: over budget fails only with
# scripts/bench-page.sh --strict). Stops at the first step that fails, with its exit status.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all --check

step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown -p berth --lib -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p berth-web --lib --tests -- -D warnings

step "the engine depends on nothing from the browser"
engine_deps=$(cargo tree -p berth -e normal --prefix none --format '{p}')
web_deps=$(grep -E '^(wasm-bindgen|web-sys|js-sys|gloo|getrandom|yew)[ -]' <<<"$engine_deps" || true)
if [ -n "$web_deps" ]; then
  printf 'the berth crate must stay free of browser crates, but depends on:\n%s\n' "$web_deps" >&2
  exit 1
fi
echo "ok"

step "tests (native)"
cargo test --workspace

step "tests (browser: wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown -p berth-web

step "build the page"
scripts/build-web.sh

step "end-to-end (tests/e2e/page.mjs)"
node tests/e2e/page.mjs

step "size"
scripts/size.sh

step "time budgets (scripts/bench-page.sh)"
scripts/bench-page.sh
