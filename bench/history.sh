#!/usr/bin/env bash
# History benchmark: `securescan scan --history` against trufflehog3 (which also reads a repository's
# history) on a real project's history: every PyPI release of boto3 (2,159 sdists from 2014 on, 216 MB)
# as one commit each, dated with its upload time, with fake secrets planted in two releases and deleted a
# few releases later (bench/history_repo.py). No public repository's own git history is reachable from
# this machine; the release history is the longest real history that is. Results:
# .bench/results/history-<timestamp>/.
#
#   BENCH_RUNS=N   timed runs per command (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RUNS=${BENCH_RUNS:-3}
RESULTS=${BENCH_RESULTS:-"$WORK/results/history-$(date -u +%Y%m%dT%H%M%SZ)"}
BIN="$ROOT/.build/release/securescan"
SDISTS="$WORK/history-sdists"
REPO="$WORK/history-repo"
mkdir -p "$RESULTS" "$SDISTS"
source bench/lib.sh
install trufflehog3 "trufflehog3==3.0.10"
TH3="$WORK/venvs/trufflehog3/bin/trufflehog3"

if [ ! -s "$SDISTS/boto3.json" ]; then
  curl -sSf --retry 3 -o "$SDISTS/boto3.json" https://pypi.org/pypi/boto3/json
fi
# The index names files relative to itself (or absolutely): resolved against its own address.
python3 - "$SDISTS" <<'EOF2' > "$RESULTS/urls.txt"
import json, os, sys, urllib.parse
sdists = sys.argv[1]
for version, files in json.load(open(os.path.join(sdists, "boto3.json")))["releases"].items():
    for f in files:
        if f["packagetype"] == "sdist" and not os.path.exists(os.path.join(sdists, f["filename"])):
            print(urllib.parse.urljoin("https://pypi.org/pypi/boto3/json", f["url"]))
EOF2
if [ -s "$RESULTS/urls.txt" ]; then
  echo "downloading $(wc -l < "$RESULTS/urls.txt") boto3 sdists"
  (cd "$SDISTS" && xargs -P 8 -n 20 curl -sSf --retry 3 --remote-name-all < "$RESULTS/urls.txt")
fi
if [ ! -d "$REPO/.git" ]; then
  rm -rf "$REPO"
  python3 bench/history_repo.py "$SDISTS" "$REPO" > "$WORK/history-planted.json"
fi
cp "$WORK/history-planted.json" "$RESULTS/planted.json"
COMMITS=$(git -C "$REPO" rev-list --count --all)
OBJECTS=$(git -C "$REPO" count-objects -v | awk '/in-pack/ {print $2}')
echo "repository: $REPO ($COMMITS commits, $OBJECTS objects, $(du -sh "$REPO/.git" | cut -f1) packed)"
cat "$REPO/.git/objects/pack/"*.pack > /dev/null  # warm the page cache

OUT="$RESULTS/scan-output"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$RESULTS/hyperfine.json" \
  -n "securescan scan --history (tree + every commit)" --prepare "rm -rf '$OUT'" \
  "'$BIN' scan '$REPO' --history --scanners secrets --output '$OUT' --format json" \
  -n "securescan scan (tree only)" --prepare "rm -rf '$OUT'" \
  "'$BIN' scan '$REPO' --scanners secrets --output '$OUT' --format json" \
  -n "trufflehog3 (tree + history, its defaults)" --prepare true \
  "'$TH3' --zero --format json --output '$RESULTS/trufflehog3.json' '$REPO'" \
  -n "trufflehog3 --no-entropy (tree + history, patterns only)" --prepare true \
  "'$TH3' --zero --no-entropy --format json --output '$RESULTS/trufflehog3-patterns.json' '$REPO'" \
  | tee "$RESULTS/hyperfine.txt"
rm -rf "$OUT"
"$BIN" scan "$REPO" --history --scanners secrets --output "$OUT" --format json --json > "$RESULTS/securescan.json" 2> /dev/null || true
"$TH3" --zero --format json --output "$RESULTS/trufflehog3.json" "$REPO" > /dev/null 2>&1
peak_ss=$(peak "'$BIN' scan '$REPO' --history --scanners secrets --output '$RESULTS/rss-output' --format json")
peak_th=$(peak "'$TH3' --zero --format json --output /dev/null '$REPO'")
python3 - "$RESULTS" "$peak_ss" "$peak_th" <<'EOF2' | tee "$RESULTS/table.md"
import glob, json, sys
results, peak_ss, peak_th = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = json.load(open(f"{results}/hyperfine.json"))["results"]
ours = next(r for r in runs if r["command"].startswith("securescan scan --history"))["mean"]
print("| command | mean (s) | min–max (s) | ÷ securescan --history |")
print("|---|---:|---:|---:|")
for r in runs:
    print(f"| {r['command']} | {r['mean']:.2f} | {min(r['times']):.2f}–{max(r['times']):.2f} | {r['mean'] / ours:.2f} |")
print(f"\npeak RSS: securescan --history {peak_ss // 1024} MB, trufflehog3 {peak_th // 1024} MB")
planted = json.load(open(f"{results}/planted.json"))["planted"]
paths = {p["path"] for p in planted.values()}
findings = json.load(open(glob.glob(f"{results}/scan-output/*/*/findings.json")[0]))["findings"]
print("\nsecurescan findings:")
for f in findings:
    print(f"- {f['rule_id']} {f['location']['path']}:{f['location']['start_line']} commit {f.get('properties', {}).get('commit', '-')[:12]} ({f['scanner']})")
th3 = json.load(open(f"{results}/trufflehog3.json"))
print("\ntrufflehog3 findings:")
for f in th3:
    print(f"- {f['rule']['id']} {f['path']}:{f['line']} commit {(f.get('commit') or '-')[:12]}")
print(f"\nplanted files: {sorted(paths)}; secrets planted: 3 (AWS key and Slack token in one, a GitHub token in the other)")
EOF2
