#!/usr/bin/env bash
# Re-records web/split-profile.txt: the names of the wasm functions the page runs from
# navigation through a course's first steps (tests/e2e/split-profile.mjs), which the page's
# first load keeps (tools/split). Run it after changes that move what those steps run; a stale
# profile is still correct, it only moves more into the module loaded on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"
scripts/setup.sh >/dev/null

out=target/split-profile
rm -rf "$out" && mkdir -p "$out/pkg"
BERTH_SPLIT=off scripts/build-web.sh
cp pkg/berth_web.js pkg/berth.css "$out/pkg/"
cp index.html "$out/"
cargo run --release -q -p berth-split -- instrument target/berth-named.wasm "$out/pkg/berth_web_bg.wasm" "$out/names.txt"
scripts/split-glue.py "$out/pkg/berth_web.js" --profile
node tests/e2e/split-profile.mjs "$out" "$out/names.txt" web/split-profile.txt
