#!/usr/bin/env bash
# Installs what building and testing the page need, when it is missing: the wasm32 target,
# Chromium and its driver, the wasm-bindgen CLI matching Cargo.lock, and (in .tools/) wasm-opt
# and playwright-core. Safe to run again: each step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Rust: the wasm target and the components the test command uses.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

# Debian packages: a headless browser and its driver, node for the end-to-end test, tar and
# skopeo to read the archives `docker save`/`export` write from outside (tests/archives.rs).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v python3 >/dev/null || missing+=(python3)
command -v gzip >/dev/null || missing+=(gzip)
command -v tar >/dev/null || missing+=(tar)
command -v skopeo >/dev/null || missing+=(skopeo)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  apt_install "${missing[@]}"
fi

# wasm-bindgen CLI (and its test runner): must be the exact version of the crate in Cargo.lock.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "setup: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $want (takes a few minutes)"
  # Not --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want"
fi

# npm tools, kept out of the repository in .tools/: wasm-opt (binaryen) and playwright-core.
# playwright-core is only the driver library; it uses the Debian Chromium and downloads nothing.
npm_version() {
  node -e "try { console.log(require('./.tools/node_modules/$1/package.json').version) } catch (e) { console.log('') }"
}
binaryen=$(npm_version binaryen)
playwright=$(npm_version playwright-core)
if [ "$binaryen" != 132.0.0 ] || [[ "$playwright" != 1.65.* ]]; then
  say "installing binaryen 132.0.0 and playwright-core 1.65 into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --loglevel=error binaryen@132.0.0 playwright-core@1.65
fi
say "ready"
