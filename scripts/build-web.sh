#!/usr/bin/env bash
# Builds the page into pkg/: the berth-web crate for wasm32, its JavaScript glue
# (wasm-bindgen), the wasm shrunk with wasm-opt when .tools/ has it and cut in two by
# tools/split (the first load keeps what web/split-profile.txt names; the rest,
# pkg/berth_web_rest.wasm, loads on first use; BERTH_SPLIT=off builds one module), and the
# terminal's CSS.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"

target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
# The linker's map gives every read-only datum's extent, so the split can move the data only
# the rest reads (tools/split/src/data.rs).
map="$target_dir/berth-web.map"
cargo rustc --release --target wasm32-unknown-unknown -p berth-web --lib -- \
  -C "link-arg=--Map=$map"
rm -rf pkg
wasm-bindgen --target web --no-typescript --out-dir pkg \
  "$target_dir/wasm32-unknown-unknown/release/berth_web.wasm"

wasm_opt=.tools/node_modules/.bin/wasm-opt
opt() {
  if [ -x "$wasm_opt" ]; then
    "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue "$@"
  else
    cp "${@: -3:1}" "${@: -1}"
  fi
}
[ -x "$wasm_opt" ] ||
  echo "build-web: no wasm-opt in .tools/ (run scripts/setup.sh): the wasm is left unoptimised" >&2
# Optimised with its function names kept (-g): the split and the profile go by name.
named="$target_dir/berth-named.wasm"
opt -g pkg/berth_web_bg.wasm -o "$named"
if [ "${BERTH_SPLIT:-on}" = off ]; then
  opt "$named" -o pkg/berth_web_bg.wasm
else
  cargo run --release -q -p berth-split -- split "$named" web/split-profile.txt --map "$map" \
    "$target_dir/berth-main.wasm" "$target_dir/berth-rest.wasm"
  opt "$target_dir/berth-main.wasm" -o pkg/berth_web_bg.wasm
  opt "$target_dir/berth-rest.wasm" -o pkg/berth_web_rest.wasm
  scripts/split-glue.py pkg/berth_web.js
fi
cp web/berth.css pkg/berth.css
echo "build-web: pkg/ is ready"
