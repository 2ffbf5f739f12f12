#!/usr/bin/env bash
# Report-rendering benchmark: runs of 100, 10,000 and 100,000 findings (fake credentials, bench/findings_tree.py)
# rendered by SecureScan (Swift) as JSON only, HTML, PDF and the default artifact set (every format), and as
# HTML by SecureScan (Python) 0.11.12 (`scan --output report-html`, which scans and renders in one command).
# Both tools scan the same tree, so each row compares whole commands; SecureScan's render cost alone is its
# time minus the JSON-only run. Each report.html is then opened in headless Chromium (first screen as a
# screenshot, 1280×900), against a blank page for the browser's own start-up.
# Results: .bench/results/reports-<timestamp>/ and a table on stdout.
#
#   BENCH_SIZES="100 10000 100000"   finding counts
#   BENCH_RUNS=N                     timed runs per command (default 3)
#   BENCH_PY_TIMEOUT=S               SecureScan (Python) time limit per run (default 900 s)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RUNS=${BENCH_RUNS:-3}
SIZES=${BENCH_SIZES:-"100 10000 100000"}
PY_TIMEOUT=${BENCH_PY_TIMEOUT:-900}
RESULTS=${BENCH_RESULTS:-"$WORK/results/reports-$(date -u +%Y%m%dT%H%M%SZ)"}
SECURESCAN="$ROOT/.build/release/securescan"
mkdir -p "$RESULTS" "$WORK/venvs"
source bench/lib.sh
install securescan "securescan==0.11.12"

echo "size format tool mean_s stddev_s peak_kb bytes findings" > "$RESULTS/raw.txt"
for size in $SIZES; do
  TREE="$WORK/findings-$size"
  [ -d "$TREE" ] || python3 bench/findings_tree.py "$TREE" "$size" > /dev/null
  OUT="$RESULTS/out-$size"
  for format in json html pdf all; do
    selection="--format $format"
    [ "$format" = all ] && selection=""
    # Each timed run starts from an empty output directory, removed before the clock starts (as
    # SecureScan (Python)'s run below does not delete anything either).
    cmd="'$SECURESCAN' scan '$TREE' --scanners secrets $selection --output '$OUT' > /dev/null 2>&1; test \$? -le 1"
    hyperfine --runs "$RUNS" --prepare "rm -rf '$OUT'" --export-json "$RESULTS/swift-$size-$format.json" -n "swift-$format" "$cmd" > /dev/null
    rm -rf "$OUT"
    rss=$(peak "$cmd")
    if [ "$format" = all ]; then
      bytes=$(cat "$OUT"/*/latest/* | wc -c)
      cp "$OUT"/*/latest/report.html "$RESULTS/report-$size.html"
    else
      file=$(ls "$OUT"/*/latest/ | grep -E "^(report\.(html|pdf)|findings\.json)$" | head -1)
      bytes=$(stat -c %s "$OUT"/*/latest/"$file")
    fi
    python3 - "$RESULTS/swift-$size-$format.json" "$size" "$format" "$rss" "$bytes" >> "$RESULTS/raw.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(sys.argv[2], sys.argv[3], "securescan-swift", f"{r['mean']:.3f}", f"{r['stddev'] or 0:.3f}", sys.argv[4], sys.argv[5], "-")
PY
  done
  # SecureScan (Python): one run (it is slow at large sizes), with a time limit.
  PYOUT="$RESULTS/py-$size"
  mkdir -p "$PYOUT"
  start=$(date +%s.%N)
  # GNU time's line (peak RSS in KB) is the last line of stderr.
  (cd "$PYOUT" && /usr/bin/time -f %M timeout "$PY_TIMEOUT" "$WORK/venvs/securescan/bin/securescan" scan "$TREE" --type code --no-ai \
      --output report-html --output-file "$PYOUT/report.html" > /dev/null 2> "$PYOUT/stderr.txt") || true
  rss=$(tail -1 "$PYOUT/stderr.txt" | grep -E '^[0-9]+$' || echo "?")
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  if [ -s "$PYOUT/report.html" ]; then
    bytes=$(stat -c %s "$PYOUT/report.html")
  else
    bytes="timeout"
  fi
  echo "$size html securescan-py $seconds 0 ${rss:-?} $bytes -" >> "$RESULTS/raw.txt"
  # The HTML's first screen in headless Chromium, and a blank page for the browser's start-up.
  if command -v chromium > /dev/null; then
    echo "<!DOCTYPE html><title>blank</title>" > "$RESULTS/blank.html"
    for page in "report-$size.html" blank.html; do
      hyperfine --runs "$RUNS" --export-json "$RESULTS/chromium-$size-$page.json" -n "chromium" \
        "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 --screenshot='$RESULTS/shot-$size.png' 'file://$RESULTS/$page' > /dev/null 2>&1" > /dev/null
    done
    python3 - "$RESULTS/chromium-$size-report-$size.html.json" "$RESULTS/chromium-$size-blank.html.json" "$size" >> "$RESULTS/raw.txt" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))["results"][0]["mean"]
blank = json.load(open(sys.argv[2]))["results"][0]["mean"]
print(sys.argv[3], "screen", "chromium", f"{page:.3f}", f"{blank:.3f}", "-", "-", "-")
PY
  fi
done

python3 - "$RESULTS/raw.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]).read().splitlines()[1:]]
by = {(r[0], r[1], r[2]): r for r in rows}
print("\n| findings | SecureScan JSON only (s) | SecureScan + HTML (s) | HTML render (s) | SecureScan + PDF (s) | PDF render (s) | peak RSS HTML / PDF (MB) | HTML / PDF size (MB) | SecureScan (Python) + HTML (s) | ratio |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for size in sorted({r[0] for r in rows}, key=int):
    j, h, p, py = by[(size, "json", "securescan-swift")], by[(size, "html", "securescan-swift")], by[(size, "pdf", "securescan-swift")], by.get((size, "html", "securescan-py"))
    base = float(j[3])
    ratio = f"{float(py[3]) / float(h[3]):.1f}×" if py and py[6] != "timeout" else "did not finish"
    # A difference below the runs' noise can come out negative: shown as 0.
    print(f"| {int(size):,} | {base:.2f} | {float(h[3]):.2f} | {max(0.0, float(h[3]) - base):.2f} | {float(p[3]):.2f} | {max(0.0, float(p[3]) - base):.2f} | "
          f"{int(h[5]) / 1024:.0f} / {int(p[5]) / 1024:.0f} | {int(h[6]) / 1e6:.1f} / {int(p[6]) / 1e6:.1f} | "
          f"{float(py[3]):.1f} | {ratio} |" if py else "")
print("\n| findings | SecureScan, every format (s) | peak RSS (MB) | artifacts (MB) | SecureScan (Python) + HTML (s) | time ratio (Swift / Python) | report.html first screen in Chromium (s) | blank page (s) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for size in sorted({r[0] for r in rows}, key=int):
    a, py, screen = by.get((size, "all", "securescan-swift")), by.get((size, "html", "securescan-py")), by.get((size, "screen", "chromium"))
    if not a:
        continue
    ratio = f"{float(a[3]) / float(py[3]):.2f}" if py and py[6] != "timeout" else "-"
    print(f"| {int(size):,} | {float(a[3]):.2f} | {int(a[5]) / 1024:.0f} | {int(a[6]) / 1e6:.1f} | {float(py[3]) if py else 0:.1f} | {ratio} | "
          f"{float(screen[3]) if screen else 0:.2f} | {float(screen[4]) if screen else 0:.2f} |")
PY
echo "results: $RESULTS"
