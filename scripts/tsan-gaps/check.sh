#!/bin/sh
# Builds each program here under ThreadSanitizer and says whether this toolchain still reports the
# false race it shows. When one stops reporting, its entries in ../tsan-suppressions.txt can go.
#   scripts/tsan-gaps/check.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # name arguments...: in how many of 10 runs TSan reported anything
    name=$1; shift
    reported=0
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        if TSAN_OPTIONS=halt_on_error=0 "$work/$name" "$@" 2>&1 | grep -q 'WARNING: ThreadSanitizer'; then
            reported=$((reported + 1))
        fi
    done
    echo "$name${1:+ $*}: reported in $reported of 10 runs"
}
for program in continuation mutex; do
    swiftc -parse-as-library -sanitize=thread -g "$here/$program.swift" -o "$work/$program"
done
run continuation resume-first
run continuation suspend-first
run mutex

