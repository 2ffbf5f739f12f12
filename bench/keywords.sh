#!/usr/bin/env bash
# Keyword secret detection: recall and precision of SecureScan (Swift), SecureScan (Python) 0.11.12,
# detect-secrets 1.5.0 and trufflehog3 3.0.10 on fixtures/secrets/keywords/cases.jsonl (325 cases in
# twenty syntaxes: 162 secrets, 163 look-alikes). Results: .bench/results/keywords-<timestamp>/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/.bench"
RESULTS="$WORK/results/keywords-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS" "$WORK/venvs"
source bench/lib.sh
install securescan "securescan==0.11.12"
install detect-secrets "detect-secrets==1.5.0"
install trufflehog3 "trufflehog3==3.0.10"
V="$WORK/venvs"
# The cases are written outside the repository: SecureScan (Python) skips every path containing "fixture".
python3 bench/keyword_secrets.py "$RESULTS" \
  "securescan-swift=rm -rf {out}.d && '$ROOT/.build/release/securescan' scan {tree} --scanners secrets --output {out}.d --format json >/dev/null 2>&1; cp {out}.d/*/latest/findings.json {out}" \
  "securescan-py=cd '$RESULTS' && '$V/securescan/bin/securescan' scan {tree} --type code --no-ai --output json --output-file {out} >/dev/null 2>&1" \
  "detect-secrets=cd {tree} && '$V/detect-secrets/bin/detect-secrets' scan --all-files ." \
  "trufflehog3='$V/trufflehog3/bin/trufflehog3' --no-history --zero --format json --output {out} {tree} >/dev/null 2>&1" \
  | tee "$RESULTS/table.md"
echo "results: $RESULTS"
