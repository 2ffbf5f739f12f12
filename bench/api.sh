#!/usr/bin/env bash
# HTTP API benchmark: `securescan serve` (Swift) and SecureScan (Python) 0.11.12's `securescan serve`, loaded
# with the same 100 runs × 1,000 findings (10 targets of bench/findings_tree.py's 1,000 fake credentials,
# scanned 10 times each; bench/api_load.py copies them into the Python schema), driven by wrk on loopback:
# GET /api/v1/scans (every scan), /scans/{id}/findings (every finding of one scan), /scans/{id}/summary.
# Both authenticate with SECURESCAN_API_KEY. Results: .bench/results/api-<timestamp>/ and a table on stdout.
#
#   BENCH_SECONDS=N      duration of each wrk run (default 10)
#   BENCH_CONNECTIONS=N  open connections (default 16)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
RESULTS=${BENCH_RESULTS:-"$WORK/results/api-$(date -u +%Y%m%dT%H%M%SZ)"}
SECURESCAN="$ROOT/.build/release/securescan"
KEY="bench-$(date +%s)-key"
mkdir -p "$RESULTS" "$WORK/venvs"
source bench/lib.sh
install securescan "securescan==0.11.12"

# The store: 10 targets × 10 runs of 1,000 findings.
DATA="$WORK/api-data"
api_store "$DATA" "$SECURESCAN"
rm -f "$DATA/python.db"*
"$WORK/venvs/securescan/bin/python3" bench/api_load.py "$DATA/out/securescan.db" "$DATA/python.db" | tee "$RESULTS/load.txt"
SCAN=$(sqlite3 "$DATA/out/securescan.db" "SELECT id FROM runs ORDER BY seq DESC LIMIT 1" 2>/dev/null \
  || python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT id FROM runs ORDER BY seq DESC LIMIT 1').fetchone()[0])" "$DATA/out/securescan.db")

wait_up() { for _ in $(seq 1 200); do curl -fsS "http://127.0.0.1:$1/health" > /dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }

# name port: wrk against the three endpoints; one line each to raw.txt.
drive() {
  local name=$1 port=$2 scans_query=$3 findings_query=$4
  for endpoint in "scans:/api/v1/scans$scans_query" "findings:/api/v1/scans/$SCAN/findings$findings_query" "summary:/api/v1/scans/$SCAN/summary"; do
    local label=${endpoint%%:*} path=${endpoint#*:}
    local status
    status=$(curl -s -o "$RESULTS/$name-$label.json" -w '%{http_code}' -H "X-API-Key: $KEY" "http://127.0.0.1:$port$path")
    local items
    items=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d) if isinstance(d, list) else 1)" "$RESULTS/$name-$label.json")
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -H "X-API-Key: $KEY" "http://127.0.0.1:$port$path" > "$RESULTS/$name-$label.wrk"
    python3 bench/wrk_line.py "$RESULTS/$name-$label.wrk" "$name" "$label" "$status" "$items" "$(stat -c %s "$RESULTS/$name-$label.json")" >> "$RESULTS/raw.txt"
  done
}

echo "tool endpoint rps p99_ms status items bytes non2xx" > "$RESULTS/raw.txt"
# SecureScan (Swift) as it runs (its cache of immutable stored runs on), then with the cache off.
for mode in cached uncached; do
  PORT=$((20000 + RANDOM % 10000))
  cache=64; [ "$mode" = uncached ] && cache=0
  SECURESCAN_API_KEY=$KEY "$SECURESCAN" serve --output "$DATA/out" --port "$PORT" --cache-mb "$cache" > "$RESULTS/swift-$mode-serve.log" 2>&1 &
  SERVER=$!
  wait_up "$PORT"
  drive "securescan-swift-$mode" "$PORT" "?limit=100" "?limit=1000"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done

PYPORT=$((30000 + RANDOM % 10000))
(cd "$DATA" && SECURESCAN_API_KEY=$KEY SECURESCAN_DATABASE_PATH="$DATA/python.db" "$WORK/venvs/securescan/bin/securescan" serve --host 127.0.0.1 --port "$PYPORT" \
  > "$RESULTS/python-serve.log" 2>&1) &
PYSERVER=$!
wait_up "$PYPORT"
drive securescan-py "$PYPORT" "" ""
kill "$PYSERVER" 2>/dev/null; pkill -f "securescan serve --host 127.0.0.1 --port $PYPORT" 2>/dev/null || true; wait "$PYSERVER" 2>/dev/null || true

python3 - "$RESULTS/raw.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]).read().splitlines()[1:]]
by = {(r[0], r[1]): r for r in rows}
print("\n| endpoint | items | SecureScan (Swift) req/s | p99 ms | cache off req/s | p99 ms | SecureScan (Python) req/s | p99 ms | ratio | ratio, cache off |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for endpoint in ["scans", "findings", "summary"]:
    s, u, p = by[("securescan-swift-cached", endpoint)], by[("securescan-swift-uncached", endpoint)], by[("securescan-py", endpoint)]
    print(f"| {endpoint} | {s[5]} / {p[5]} | {float(s[2]):,.0f} | {s[3]} | {float(u[2]):,.0f} | {u[3]} | {float(p[2]):,.0f} | {p[3]} | "
          f"{float(s[2]) / float(p[2]):.1f}× | {float(u[2]) / float(p[2]):.1f}× |")
PY
echo "results: $RESULTS"
