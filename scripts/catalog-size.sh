#!/bin/sh
# Prints what the embedded catalog weighs: raw bytes and gzipped (the files concatenated in
# the order the build embeds them, as they sit in the wasm data section).
set -eu
cd "$(dirname "$0")/../catalog"
files=$(find . -type f | sed 's|^\./||' | LC_ALL=C sort)
raw=$(cat $files | wc -c)
gz=$(cat $files | gzip -9 | wc -c)
echo "catalog: $(echo "$files" | wc -l) files, $raw bytes raw, $gz bytes gzipped"
