#!/bin/sh
# The GitHub Action's entry point (action.yml): judge the pull request's change against its base with
# `securescan diff`, annotate the new findings on their lines, write the SARIF, JUnit and comment
# artifacts, post or update the pull-request comment, and exit with the gate's code.
set -u

path="${INPUT_PATH:-.}"
base="${INPUT_BASE:-}"
if [ -z "$base" ]; then
  if [ -n "${GITHUB_BASE_REF:-}" ]; then
    base="origin/${GITHUB_BASE_REF}"
  else
    echo "securescan action: no base to compare with: set the 'base' input (GITHUB_BASE_REF is only set for pull requests)" >&2
    exit 2
  fi
fi
output="${RUNNER_TEMP:-/tmp}/securescan"
GITHUB_TOKEN="${GITHUB_TOKEN:-${INPUT_TOKEN:-}}"
export GITHUB_TOKEN

# The workspace is mounted from the runner and owned by another user, which git refuses by default.
git config --global --add safe.directory "${GITHUB_WORKSPACE:-$PWD}" 2>/dev/null || true

set -- diff "$path" --base "$base" --head HEAD --output "$output" --format sarif,json,junit,github-pr-comment \
  --fail-on-new "${INPUT_FAIL_ON_NEW:-high}" --annotations
if [ -n "${INPUT_SCANNERS:-}" ]; then set -- "$@" --scanners "$INPUT_SCANNERS"; fi
if [ -n "${INPUT_BASELINE:-}" ]; then set -- "$@" --baseline "$INPUT_BASELINE"; fi
securescan "$@"
status=$?

if [ "$status" -le 1 ] && [ "${INPUT_COMMENT:-true}" = "true" ] && [ -f "$output/pr-comment.md" ]; then
  securescan github comment --file "$output/pr-comment.md" || echo "securescan action: the pull-request comment was not posted" >&2
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "sarif=$output/findings.sarif"; echo "junit=$output/findings.junit.xml"; echo "exit_code=$status"; } >> "$GITHUB_OUTPUT"
fi
exit "$status"
