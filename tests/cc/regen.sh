#!/bin/sh
# Regenerates the expected outputs of the corpus with the real gcc.
# Each corpus/NAME.c runs with corpus/NAME.in (or nothing) on stdin; its stdout goes to
# NAME.out and its exit status (128 + signal when killed) to NAME.status.
set -u
cd "$(dirname "$0")/corpus" || exit 1
tmp=$(mktemp -d)
for src in *.c; do
    name=${src%.c}
    if ! gcc -w -o "$tmp/$name" "$src" -lm; then
        echo "gcc failed on $src" >&2
        continue
    fi
    input=/dev/null
    [ -f "$name.in" ] && input="$PWD/$name.in"
    dir=$PWD
    (cd "$tmp" && ./"$name" < "$input" > "$dir/$name.out" 2>/dev/null)
    echo $? > "$name.status"
done
rm -rf "$tmp"
