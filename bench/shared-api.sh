#!/usr/bin/env bash
# API replicas and publishing on a PostgreSQL store. The API benchmark's store (100 runs × 1,000 findings,
# bench/api.sh) served by `securescan serve` from its SQLite file, then copied into a PostgreSQL 15 server
# on the same host (`db migrate-store`) and served by 1 and by 2 API replicas (`serve --workers 0`, each
# its own empty output folder): wrk drives GET /api/v1/scans, /scans/{id}/findings and /scans/{id}/summary,
# the connections split evenly over the replicas (one wrk each, run together). Then CI runners publish:
# `scan --publish` of one 1,000-finding target from a fresh folder each time (json, sarif and html), to
# the SQLite server and to a PostgreSQL replica; pg_stat_statements gives the database's time per
# published run (the judgment, the stored run and its artifact files). Everything shares 2 cores, so two
# replicas compete with wrk and PostgreSQL for them: the ratios are what one host shows, not a cluster.
# Results: .bench/results/shared-api-<timestamp>/ and tables on stdout.
#
#   BENCH_SECONDS=N      duration of each wrk run (default 10)
#   BENCH_CONNECTIONS=N  open connections in all (default 16)
#   BENCH_PUBLISHES=N    timed publishes per server (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PUBLISHES=${BENCH_PUBLISHES:-10}
RESULTS=${BENCH_RESULTS:-"$WORK/results/shared-api-$(date -u +%Y%m%dT%H%M%SZ)"}
BIN="$ROOT/.build/release/securescan"
KEY="bench-$(date +%s)-key"
export SECURESCAN_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
mkdir -p "$RESULTS"
source bench/lib.sh
DATA="$WORK/api-data"
api_store "$DATA" "$BIN"
source bench/pg.sh
fresh_db
"$BIN" db migrate-store --from "$DATA/out/securescan.db" --to "$URL" > "$RESULTS/migrate.log" 2>&1
SCAN=$(psql_ -d bench -c "SELECT id FROM runs ORDER BY seq DESC LIMIT 1")

# Servers' process ids, one a line (start runs in a command substitution's subshell).
PIDFILE="$RESULTS/servers.pids"
: > "$PIDFILE"
stop_servers() {
  while read -r pid; do kill "$pid" 2>/dev/null || true; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done < "$PIDFILE"
  : > "$PIDFILE"
}
trap 'stop_servers; stop_pg' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 200); do curl -fsS "http://127.0.0.1:$1/health" > /dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
# name, then serve's arguments: starts a server, prints its port.
start() {
  local name=$1; shift
  local port; port=$(free_port)
  SECURESCAN_API_KEY=$KEY "$BIN" serve --port "$port" --workers 0 "$@" > "$RESULTS/$name-serve.log" 2>&1 &
  echo $! >> "$PIDFILE"
  wait_up "$port"
  echo "$port"
}

# name, ports...: wrk on each endpoint, the connections split over the ports, run together; one line each.
drive() {
  local name=$1; shift
  local ports=("$@") share=$((CONNECTIONS / $#))
  for endpoint in "scans:/api/v1/scans?limit=100" "findings:/api/v1/scans/$SCAN/findings?limit=1000" "summary:/api/v1/scans/$SCAN/summary"; do
    local label=${endpoint%%:*} path=${endpoint#*:} wrks=()
    curl -sf -o "$RESULTS/$name-$label.json" -H "X-API-Key: $KEY" "http://127.0.0.1:${ports[0]}$path"
    for port in "${ports[@]}"; do
      wrk -t1 -c"$share" -d"${SECONDS_EACH}s" --latency -H "X-API-Key: $KEY" "http://127.0.0.1:$port$path" > "$RESULTS/$name-$label-$port.wrk" &
      wrks+=($!)
    done
    for pid in "${wrks[@]}"; do wait "$pid"; done
    for port in "${ports[@]}"; do
      python3 bench/wrk_line.py "$RESULTS/$name-$label-$port.wrk" "$name" "$label" 200 1 "$(stat -c %s "$RESULTS/$name-$label.json")" >> "$RESULTS/raw.txt"
    done
  done
}

echo "configuration endpoint rps p99_ms status items bytes non2xx" > "$RESULTS/raw.txt"
rm -rf "$RESULTS/sqlite-out" && cp -R "$DATA/out" "$RESULTS/sqlite-out"
drive sqlite "$(start sqlite --output "$RESULTS/sqlite-out")"
stop_servers
drive postgres-1 "$(start pg-a --database "$URL" --output "$RESULTS/replica-a")"
stop_servers
A=$(start pg-a --database "$URL" --output "$RESULTS/replica-a")
B=$(start pg-b --database "$URL" --output "$RESULTS/replica-b")
drive postgres-2 "$A" "$B"
stop_servers

# Publishing: a fresh runner folder each time.
echo "server mean_s stddev_s published db_ms_total db_ms_per_publish statements_per_publish" > "$RESULTS/publish.txt"
publish() {  # name port
  local name=$1 port=$2
  hyperfine --shell bash --runs "$PUBLISHES" --prepare "rm -rf '$RESULTS/runner'" --export-json "$RESULTS/publish-$name.json" -n "publish-$name" \
    "SECURESCAN_PUBLISH_KEY=$KEY '$BIN' scan '$DATA/target01' --scanners secrets --format json,sarif,html --output '$RESULTS/runner' --publish http://127.0.0.1:$port > /dev/null 2>&1; test \$? -le 1" \
    | tee -a "$RESULTS/hyperfine.txt"
}
publish sqlite "$(start sqlite --output "$RESULTS/sqlite-out")"
stop_servers
PORT_A=$(start pg-a --database "$URL" --output "$RESULTS/replica-a")
BEFORE=$(psql_ -d bench -c "SELECT count(*) FROM runs")
psql_ -d bench -c 'SELECT pg_stat_statements_reset()' > /dev/null
publish postgres "$PORT_A"
psql_ -d bench -F ' ' -c "
  SELECT (SELECT count(*) FROM runs) - $BEFORE, round(sum(total_exec_time)::numeric, 1),
         round((sum(total_exec_time) / greatest((SELECT count(*) FROM runs) - $BEFORE, 1))::numeric, 2),
         round((sum(calls)::numeric / greatest((SELECT count(*) FROM runs) - $BEFORE, 1)), 1)
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench')" > "$RESULTS/publish-postgres.db.txt"
stop_servers

python3 - "$RESULTS" "$SERVER_VERSION" <<'PY' | tee "$RESULTS/table.md"
import json, sys
from collections import defaultdict
results, version = sys.argv[1], sys.argv[2]
rps, p99 = defaultdict(float), defaultdict(float)
for line in open(f"{results}/raw.txt").read().splitlines()[1:]:
    name, label, r, p = line.split()[:4]
    rps[(name, label)] += float(r)
    p99[(name, label)] = max(p99[(name, label)], float(p))
print(f"API reads, PostgreSQL {version} on the same host (2 cores)\n")
print("| endpoint | SQLite, 1 server req/s | p99 ms | PostgreSQL, 1 replica req/s | p99 ms | ÷ SQLite | PostgreSQL, 2 replicas req/s | p99 ms | ÷ 1 replica |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for label in ["scans", "findings", "summary"]:
    s, one, two = rps[("sqlite", label)], rps[("postgres-1", label)], rps[("postgres-2", label)]
    print(f"| {label} | {s:,.0f} | {p99[('sqlite', label)]:.1f} | {one:,.0f} | {p99[('postgres-1', label)]:.1f} | {one / s:.2f} | "
          f"{two:,.0f} | {p99[('postgres-2', label)]:.1f} | {two / one:.2f} |")
def mean(name):
    r = json.load(open(f"{results}/publish-{name}.json"))["results"][0]
    return r["mean"], r["stddev"] or 0
published, total, per, statements = open(f"{results}/publish-postgres.db.txt").read().split()
(sm, ss), (pm, ps) = mean("sqlite"), mean("postgres")
print("\n`scan --publish` of a 1,000-finding target from a fresh folder (runner and server on the same host)\n")
print("| server store | runner wall time (s) | ÷ SQLite | database ms per published run | statements per publish |")
print("|---|---:|---:|---:|---:|")
print(f"| SQLite file | {sm:.2f} ± {ss:.2f} | 1.00 | – | – |")
print(f"| PostgreSQL | {pm:.2f} ± {ps:.2f} | {pm / sm:.2f} | {per} | {statements} |")
PY
echo "results: $RESULTS"
