#!/usr/bin/env bash
# Pull-request gate benchmark: `securescan diff` of a 10-file change to the secrets benchmark's tree (a
# copy of this Python's site-packages with planted secrets, made a git repository), against one full
# `scan` of the head, and against scanning both states whole (`diff --full`: what a gate that scans the
# base and the head, then compares, costs). Results: .bench/results/diff-<timestamp>/.
#
#   BENCH_RUNS=N        timed runs per command (default 5)
#   BENCH_SLOW_RUNS=N   timed runs of `diff --full` (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RUNS=${BENCH_RUNS:-5}
RESULTS=${BENCH_RESULTS:-"$WORK/results/diff-$(date -u +%Y%m%dT%H%M%SZ)"}
BIN="$ROOT/.build/release/securescan"
TREE="$WORK/diff-tree"
mkdir -p "$RESULTS"

git() { command git -C "$TREE" -c user.name=bench -c user.email=bench@example.com -c gc.auto=0 "$@"; }

if [ ! -d "$TREE/.git" ]; then
  rm -rf "$TREE"
  SITE=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "copying $SITE to $TREE"
  cp -a "$SITE" "$TREE"
  python3 bench/plant.py "$TREE" > /dev/null
  git init -q -b main
  git add -A -f
  git commit -q -m base
  git tag base
  # The change: seven files edited (three gain a fake secret), one added with a secret, one deleted
  # (it held a planted secret), one renamed.
  python3 - "$TREE" <<'EOF'
import os, random, sys
root = sys.argv[1]
rng = random.Random(7)
files = sorted(os.path.join(d, f)[len(root) + 1:] for d, _, fs in os.walk(root) if "/.git" not in d
               for f in fs if f.endswith(".py") and "zz_bench_planted" not in d)
chosen = rng.sample(files, 9)
key = lambda: "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
for index, path in enumerate(chosen[:7]):
    with open(os.path.join(root, path), "a") as handle:
        handle.write(f'\nRELEASE_KEY_{index} = "{key()}"\n' if index < 3 else f"\n# touched by the change {index}\n")
with open(os.path.join(root, "added_settings.py"), "w") as handle:
    handle.write(f'AWS_ACCESS_KEY_ID = "{key()}"\n')
os.rename(os.path.join(root, chosen[7]), os.path.join(root, chosen[7][:-3] + "_moved.py"))
planted = sorted(os.path.join(root, "zz_bench_planted", f) for f in os.listdir(os.path.join(root, "zz_bench_planted")))
os.remove(planted[0])
EOF
  git add -A -f
  git commit -q -m head
  git tag head
  git repack -a -d -q  # as a clone has it: packed objects
fi
FILES=$(git ls-files | wc -l)
BYTES=$(du -sb --exclude=.git "$TREE" | cut -f1)
echo "tree: $TREE ($((BYTES / 1000000)) MB, $FILES files); change: $(git diff --name-status -M base head | wc -l) files"
find "$TREE" -path "$TREE/.git" -prune -o -type f -exec cat {} + > /dev/null  # warm the page cache

OUT="$RESULTS/scan-output"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$RESULTS/hyperfine.json" \
  -n "diff (base..head, changed files)" "'$BIN' diff '$TREE' --base base --head head --scanners secrets,dockerfile" \
  -n "diff (base..work tree, changed files)" "'$BIN' diff '$TREE' --base base --scanners secrets,dockerfile" \
  -n "scan of the head" --prepare "rm -rf '$OUT'" "'$BIN' scan '$TREE' --scanners secrets,dockerfile --output '$OUT' --format json" \
  | tee "$RESULTS/hyperfine.txt"
# Both states whole: tens of seconds a run, so fewer runs.
hyperfine --runs "${BENCH_SLOW_RUNS:-2}" --export-json "$RESULTS/hyperfine-full.json" \
  -n "diff --full (both states scanned whole)" "'$BIN' diff '$TREE' --base base --head head --full --scanners secrets,dockerfile" \
  | tee -a "$RESULTS/hyperfine.txt"
"$BIN" diff "$TREE" --base base --head head --scanners secrets,dockerfile --json > "$RESULTS/diff.json" 2> /dev/null || true
python3 - "$RESULTS" <<'EOF' | tee "$RESULTS/table.md"
import json, sys
results = sys.argv[1]
runs = json.load(open(f"{results}/hyperfine.json"))["results"] + json.load(open(f"{results}/hyperfine-full.json"))["results"]
scan = next(r for r in runs if r["command"] == "scan of the head")["mean"]
change = json.load(open(f"{results}/diff.json"))
print("| command | mean (s) | min–max (s) | ÷ one full scan |")
print("|---|---:|---:|---:|")
for r in runs:
    print(f"| {r['command']} | {r['mean']:.2f} | {min(r['times']):.2f}–{max(r['times']):.2f} | {r['mean'] / scan:.3f} |")
print(f"\nchange: {change['changed_files']} files; new {change['counts']['new']}, fixed {change['counts']['fixed']}, unchanged {change['counts']['unchanged']}")
EOF
