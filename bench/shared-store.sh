#!/usr/bin/env bash
# Shared-store benchmark: one nightly batch of 1,000 small targets, stored in an SQLite file by one process
# (--jobs 2), and in a PostgreSQL 15 server on the same host by 1 process (--jobs 2), 2 processes and 4
# processes (--jobs 1 each) sharing the batch through claims. Each target is a small service: a README,
# an app file, a requirements.txt, and a planted key in every tenth one; each run writes findings.json only
# (`--format json`: the HTML and PDF reports would be most of the time, and they do not touch the store).
# pg_stat_statements gives the server's own time per stored run, from which the README's capacity estimate
# is computed.
# Results: .bench/results/shared-store-<timestamp>/.
#
#   BENCH_TARGETS=N   targets (default 1000)
#   BENCH_RUNS=N      timed runs per configuration (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
TARGETS=${BENCH_TARGETS:-1000}
RUNS=${BENCH_RUNS:-2}
RESULTS=${BENCH_RESULTS:-"$WORK/results/shared-store-$(date -u +%Y%m%dT%H%M%SZ)"}
BIN="$ROOT/.build/release/securescan"
mkdir -p "$RESULTS"

TREES="$WORK/shared-store-targets"
if [ ! -d "$TREES/svc-$(printf %04d $((TARGETS - 1)))" ]; then
  rm -rf "$TREES"
  python3 - "$TREES" "$TARGETS" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    d = os.path.join(root, f"svc-{i:04d}")
    os.makedirs(d)
    open(os.path.join(d, "README.md"), "w").write(f"# service {i}\n")
    open(os.path.join(d, "app.py"), "w").write("import os\nprint(os.environ.get('HOME'))\n")
    open(os.path.join(d, "requirements.txt"), "w").write("requests==2.31.0\nflask==2.3.2\njinja2==3.1.2\n")
    if i % 10 == 0:
        letters = "".join(chr(ord("A") + int(c)) for c in f"{i:04d}")
        open(os.path.join(d, "settings.py"), "w").write(f'AWS_ACCESS_KEY_ID = "AKIAQ3EGVP7I{letters}JDPY"\n')
PY
fi
printf 'version: 1\ndefaults:\n  scanners: [secrets, dependencies]\ntargets:\n  - glob: %s/*\n' "$TREES" > "$RESULTS/audits.yml"

source bench/pg.sh

# N batch processes sharing the batch, --jobs J each, their own output folders; waits for all.
run_pg() {
  local processes=$1 jobs=$2 pids=()
  for p in $(seq 1 "$processes"); do
    rm -rf "$RESULTS/out-pg-$p"
    "$BIN" batch "$RESULTS/audits.yml" --database "$URL" --output "$RESULTS/out-pg-$p" --jobs "$jobs" --format json --log-format json \
      > "$RESULTS/log-pg-$processes-$p.jsonl" 2>&1 &
    pids+=($!)
  done
  local status=0
  for pid in "${pids[@]}"; do wait "$pid" || [ $? -le 1 ] || status=1; done
  return $status
}
export -f run_pg fresh_db psql_ as_pg
export BIN RESULTS URL PGBIN PORT

echo "configuration runs mean_s stddev_s stored_runs db_ms_total db_ms_per_run statements_per_run" > "$RESULTS/raw.txt"
measure() {  # name, prepare, command
  local name=$1 prepare=$2 command=$3
  hyperfine --shell bash --runs "$RUNS" --prepare "$prepare" --export-json "$RESULTS/$name.json" -n "$name" "$command" | tee -a "$RESULTS/hyperfine.txt"
}

measure "sqlite-1x2" "rm -rf '$RESULTS/out-sqlite'" \
  "'$BIN' batch '$RESULTS/audits.yml' --output '$RESULTS/out-sqlite' --jobs 2 --format json --log-format json > '$RESULTS/log-sqlite.jsonl' 2>&1; test \$? -le 1"
for config in "1 2" "2 1" "4 1"; do
  set -- $config
  name="postgres-${1}x${2}"
  measure "$name" "fresh_db" "run_pg $1 $2"
  # The last run's server time: every statement's execution time, per stored run.
  psql_ -d bench -F ' ' -c "
    SELECT (SELECT count(*) FROM runs), round(sum(total_exec_time)::numeric, 1),
           round((sum(total_exec_time) / greatest((SELECT count(*) FROM runs), 1))::numeric, 2),
           round((sum(calls)::numeric / greatest((SELECT count(*) FROM runs), 1)), 1)
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench')" > "$RESULTS/$name.db.txt"
  psql_ -d bench -c "SELECT count(*) FROM batch_targets WHERE status = 'completed'" > "$RESULTS/$name.completed.txt"
  psql_ -d bench -c "SELECT count(*) FROM (SELECT target_id FROM runs GROUP BY target_id HAVING count(*) > 1) t" > "$RESULTS/$name.duplicates.txt"
done

python3 - "$RESULTS" "$TARGETS" "$SERVER_VERSION" <<'PY' | tee "$RESULTS/table.md"
import json, sys
results, targets, version = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def mean(name):
    r = json.load(open(f"{results}/{name}.json"))["results"][0]
    return r["mean"], r["stddev"] or 0
base, _ = mean("sqlite-1x2")
print(f"{targets} targets, PostgreSQL {version} on the same host (2 cores)\n")
print("| store | processes × --jobs | mean (s) | targets/s | ÷ SQLite | completed | duplicated | server ms per stored run | statements per run |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
print(f"| SQLite file | 1 × 2 | {base:.1f} | {targets / base:.1f} | 1.00 | {targets} | 0 | – | – |")
for config in ["1x2", "2x1", "4x1"]:
    m, sd = mean(f"postgres-{config}")
    runs, total, per_run, statements = open(f"{results}/postgres-{config}.db.txt").read().split()
    completed = open(f"{results}/postgres-{config}.completed.txt").read().strip()
    duplicated = open(f"{results}/postgres-{config}.duplicates.txt").read().strip()
    p, j = config.split("x")
    print(f"| PostgreSQL | {p} × {j} | {m:.1f} ± {sd:.1f} | {targets / m:.1f} | {m / base:.2f} | {completed} | {duplicated} | {per_run} | {statements} |")
PY
