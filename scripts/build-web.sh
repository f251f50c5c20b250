#!/usr/bin/env bash
# Builds the page into pkg/: the berth-web crate for wasm32, its JavaScript glue
# (wasm-bindgen), the wasm shrunk with wasm-opt when .tools/ has it, and the terminal's CSS.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"

cargo build --release --target wasm32-unknown-unknown -p berth-web
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
rm -rf pkg
wasm-bindgen --target web --no-typescript --out-dir pkg \
  "$target_dir/wasm32-unknown-unknown/release/berth_web.wasm"
wasm_opt=.tools/node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ]; then
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    pkg/berth_web_bg.wasm -o pkg/berth_web_bg.wasm
else
  echo "build-web: no wasm-opt in .tools/ (run scripts/setup.sh): the wasm is left unoptimised" >&2
fi
cp web/berth.css pkg/berth.css
echo "build-web: pkg/ is ready"
