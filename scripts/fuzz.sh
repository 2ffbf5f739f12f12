#!/usr/bin/env bash
# Fuzzes every parser of untrusted bytes with libFuzzer (AddressSanitizer and LeakSanitizer on).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="lockfile report"] [FUZZ_JOBS=1]
#
# Each target runs FUZZ_SECONDS from its corpus (.fuzz/corpus/<target>, kept between runs, seeded from
# fixtures/). Inputs go up to 1 MiB and each must finish within 3 s in this instrumented build (coverage
# and AddressSanitizer cost about 3x: the 1 s per MB budget of a normal build). A crash, a leak, an out-of-memory or a timeout fails
# the run; the input is left in .fuzz/findings/<target>/. Per target it prints executions, coverage
# (edges) and findings, and writes them to .fuzz/report.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-1}
OUT=.fuzz

echo "building the fuzz harness (SECURESCAN_FUZZ=1, .build-fuzz, release, -sanitize=fuzzer,address)…"
build() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then grep -E "error" "$log" | head -20; rm -f "$log"; exit 2; fi
  rm -f "$log"
}
build env SECURESCAN_FUZZ=1 swift build --product securescan-fuzz --scratch-path .build-fuzz -c release
build swift build --product securescan-fuzz
FUZZER=.build-fuzz/release/securescan-fuzz
TOOL=.build/debug/securescan-fuzz
TARGETS=${FUZZ_TARGETS:-$($TOOL list | cut -f1)}

mkdir -p "$OUT"
run_target() {
  local target=$1
  local corpus=$OUT/corpus/$target seeds=$OUT/seeds/$target findings=$OUT/findings/$target log=$OUT/logs/$target.log
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  rm -rf "$seeds"
  $TOOL seed "$target" fixtures "$seeds" >/dev/null
  local status=0
  SECURESCAN_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=symbolize=0:detect_leaks=1:allocator_may_return_null=1 \
    "$FUZZER" "$corpus" "$seeds" -max_total_time="$SECONDS_EACH" -timeout=3 -max_len=1048576 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1 || status=$?
  local executions coverage crashes
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  coverage=$(grep -oE '(DONE|pulse|NEW|REDUCE|INITED) +cov: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  crashes=$(find "$findings" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\n' "$target" "${executions:-0}" "${coverage:-0}" "$crashes" "$status" >"$OUT/result-$target.tsv"
  printf '%-14s %12s executions  %6s edges  %s finding(s)%s\n' "$target" "${executions:-0}" "${coverage:-0}" "$crashes" \
    "$([ "$status" -ne 0 ] && echo "  FAILED (exit $status, see $log)")"
}
export -f run_target
export SECONDS_EACH OUT FUZZER TOOL

rm -f "$OUT"/result-*.tsv
echo "fuzzing $(echo $TARGETS | wc -w) targets for ${SECONDS_EACH}s each, $JOBS at a time…"
printf '%s\n' $TARGETS | xargs -P "$JOBS" -I{} bash -c 'run_target {}'

{ printf 'target\texecutions\tcoverage_edges\tfindings\texit\n'; cat "$OUT"/result-*.tsv; } >"$OUT/report.tsv"
if awk -F'\t' 'NR > 1 && ($4 > 0 || $5 != 0) { bad = 1 } END { exit !bad }' "$OUT/report.tsv"; then
  echo "fuzzing found problems: inputs in $OUT/findings/, logs in $OUT/logs/"
  exit 1
fi
echo "no crash, leak, out-of-memory or timeout ($OUT/report.tsv)"
