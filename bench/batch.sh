#!/usr/bin/env bash
# Nightly-audit benchmark: 200 real source trees (the PyPI sdists pinned in bench/batch-targets.txt) audited by
# `securescan batch`, first run and an all-unchanged second run, with --jobs 1 and --jobs 2; against 200
# sequential `securescan scan --type code --type dependency` invocations of SecureScan (Python) 0.11.12 on the
# same trees (what a cron loop over the repositories does with it).
# SecureScan runs every available built-in scanner (secrets, dependencies, osv against the fixture advisories,
# licenses, dockerfile) and writes every artifact (HTML, PDF, SBOMs, SARIF, …) per target; SecureScan (Python)
# runs the scanners it has offline for those types (secrets, licenses, npm-audit, git-hygiene) and writes one JSON.
# Results: .bench/results/batch-<timestamp>/ and a table on stdout.
#
#   BENCH_BATCH_TARGETS=FILE   NAME==VERSION list (default bench/batch-targets.txt)
#   BENCH_RUNS=N               timed runs of the unchanged second run (default 3)
#   BENCH_JOBS="1 2"           --jobs values
#   BENCH_SKIP_PY=1            skip SecureScan (Python)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RUNS=${BENCH_RUNS:-3}
JOBS=${BENCH_JOBS:-"1 2"}
LIST=${BENCH_BATCH_TARGETS:-bench/batch-targets.txt}
RESULTS=${BENCH_RESULTS:-"$WORK/results/batch-$(date -u +%Y%m%dT%H%M%SZ)"}
SECURESCAN="$ROOT/.build/release/securescan"
mkdir -p "$RESULTS" "$WORK/venvs"
source bench/lib.sh
[ -n "${BENCH_SKIP_PY:-}" ] || install securescan "securescan==0.11.12"

TREES="$WORK/batch-sdists"
python3 bench/sdists.py --full "$TREES" "@$LIST"
mapfile -t TARGETS < <(find "$TREES" -mindepth 1 -maxdepth 1 -type d ! -name '*.partial' | sort)
FILES=$(find "${TARGETS[@]}" -type f | wc -l)
BYTES=$(find "${TARGETS[@]}" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "targets: ${#TARGETS[@]} source trees, $FILES files, $((BYTES / 1000000)) MB"

VULNDB="$WORK/batch-vulndb"
if [ ! -d "$VULNDB" ]; then
  "$SECURESCAN" db update-osv --from fixtures/osv/github-advisory-database --vuln-db "$VULNDB" > /dev/null
  "$SECURESCAN" db update-osv --from fixtures/osv/pypa-advisory-database/json --vuln-db "$VULNDB" > /dev/null
fi
printf 'version: 1\ntargets:\n  - glob: %s/*\n' "$TREES" > "$RESULTS/audits.yml"

echo "tool jobs phase mean_s stddev_s peak_kb completed reused failed open_findings" > "$RESULTS/raw.txt"
record() {  # tool jobs phase hyperfine.json peak_kb summary.json
  python3 - "$@" >> "$RESULTS/raw.txt" <<'PY'
import json, sys
tool, jobs, phase, timing, peak, summary = sys.argv[1:7]
r = json.load(open(timing))["results"][0]
s = json.load(open(summary))
t = s["totals"]
open_findings = sum((target.get("counts") or {}).get("total", 0) for target in s["targets"])
print(tool, jobs, phase, f"{r['mean']:.3f}", f"{r['stddev'] or 0:.3f}", peak,
      t["completed"], t["reused"], t["failed"], open_findings)
PY
}
latest_summary() { ls -t "$1"/batch/*/summary.json | head -1; }

for jobs in $JOBS; do
  OUT="$RESULTS/out-j$jobs"
  cmd="'$SECURESCAN' batch '$RESULTS/audits.yml' --output '$OUT' --vuln-db '$VULNDB' --jobs $jobs --log-format json > '$RESULTS/log-j$jobs.jsonl' 2>&1; test \$? -le 1"
  # First run: an empty store and output every time.
  hyperfine --runs 1 --prepare "rm -rf '$OUT'" --export-json "$RESULTS/first-j$jobs.json" -n "first-j$jobs" "$cmd" > /dev/null
  rm -rf "$OUT"
  peak_first=$(peak "$cmd")
  record securescan-swift "$jobs" first "$RESULTS/first-j$jobs.json" "$peak_first" "$(latest_summary "$OUT")"
  # Second run: nothing changed since the first.
  hyperfine --runs "$RUNS" --export-json "$RESULTS/second-j$jobs.json" -n "second-j$jobs" "$cmd" > /dev/null
  peak_second=$(peak "$cmd")
  record securescan-swift "$jobs" unchanged "$RESULTS/second-j$jobs.json" "$peak_second" "$(latest_summary "$OUT")"
done

if [ -z "${BENCH_SKIP_PY:-}" ]; then
  PYOUT="$RESULTS/py"
  printf '%s\n' "${TARGETS[@]}" > "$RESULTS/targets.txt"
  cat > "$RESULTS/py-loop.sh" <<SH
#!/usr/bin/env bash
# One SecureScan (Python) scan per target, one after the other, as a cron loop would.
rm -rf '$PYOUT' && mkdir -p '$PYOUT' && cd '$PYOUT'
while read -r dir; do
  name=\$(basename "\$dir")
  '$WORK/venvs/securescan/bin/securescan' scan "\$dir" --type code --type dependency --no-ai --output json \
    --output-file "$PYOUT/\$name.json" > "$PYOUT/\$name.log" 2>&1 || echo "\$name: exit \$?" >> '$PYOUT/failures.txt'
done < '$RESULTS/targets.txt'
SH
  chmod +x "$RESULTS/py-loop.sh"
  hyperfine --runs 1 --export-json "$RESULTS/py.json" -n "securescan-py" "$RESULTS/py-loop.sh" > /dev/null
  python3 - "$RESULTS" "$PYOUT" >> "$RESULTS/raw.txt" <<'PY'
import glob, json, os, sys
results, out = sys.argv[1:3]
r = json.load(open(os.path.join(results, "py.json")))["results"][0]
done, findings = 0, 0
for path in glob.glob(os.path.join(out, "*.json")):
    try:
        data = json.load(open(path))
    except ValueError:
        continue
    done += 1
    findings += len(data.get("findings", []) if isinstance(data, dict) else data)
failed = len(open(os.path.join(out, "failures.txt")).read().splitlines()) if os.path.exists(os.path.join(out, "failures.txt")) else 0
print("securescan-py", "1", "first", f"{r['mean']:.3f}", "0", "-", done, "-", failed, findings)
PY
fi

python3 - "$RESULTS/raw.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]).read().splitlines()[1:]]
py = next((r for r in rows if r[0] == "securescan-py"), None)
print("\n| run | --jobs | wall (s) | per target (ms) | peak RSS (MB) | scanned / reused / failed | open findings | SecureScan (Python) ÷ this |")
print("|---|---:|---:|---:|---:|---|---:|---:|")
for r in rows:
    tool, jobs, phase, mean, _, peak, completed, reused, failed, findings = r
    targets = sum(int(x) for x in (completed, reused, failed) if x != "-")
    per = f"{float(mean) / max(targets, 1) * 1000:.0f}"
    ratio = f"{float(py[3]) / float(mean):.1f}×" if py and tool != "securescan-py" else "1×"
    name = "SecureScan (Python), 200 sequential scans" if tool == "securescan-py" else f"SecureScan batch, {phase}"
    mb = f"{int(peak) / 1024:.0f}" if peak != "-" else "-"
    print(f"| {name} | {jobs if tool != 'securescan-py' else '-'} | {float(mean):.1f} | {per} | {mb} | {completed} / {reused} / {failed} | {findings} | {ratio} |")
PY
echo "results: $RESULTS"
