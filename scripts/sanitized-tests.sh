#!/usr/bin/env bash
# Runs the whole test suite under a sanitizer: `make test-tsan` (ThreadSanitizer) or `make test-asan`
# (AddressSanitizer). Builds into .build-tsan / .build-asan (the normal .build is left alone), then runs
# the tests as `make test` does: everything but the server suites, then the server suites.
#
#   scripts/sanitized-tests.sh thread|address [extra swift test arguments]
#
# Any report fails the run (halt_on_error); the reports are in the test output.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: scripts/sanitized-tests.sh thread|address}
shift
case "$kind" in
  thread) scratch=.build-tsan ;;
  address) scratch=.build-asan ;;
  *) echo "unknown sanitizer $kind (thread or address)" >&2; exit 2 ;;
esac
# Symbolizing a report can hang; the Swift runtime's own backtracer would race the sanitizer's.
export SWIFT_BACKTRACE=enable=no
# Known false reports (a contended Synchronization.Mutex, invisible to TSan) are listed, each with its
# reason, in scripts/tsan-suppressions.txt. A report in a child `securescan` makes it exit 66.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:symbolize=1:history_size=4:suppressions=$PWD/scripts/tsan-suppressions.txt"
# Leaks are checked where they matter (the long-running server, docs/robustness.md): the Swift runtime's
# caches live for the process and would be reported by every test process.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=0:symbolize=1:detect_stack_use_after_return=0"
# Tests that hold a scan to time and memory bounds allow for the sanitizer's overhead.
export SECURESCAN_SANITIZER=$kind
started=$(date +%s)
swift build --build-tests --sanitize="$kind" --scratch-path "$scratch"
built=$(date +%s)
SECURESCAN_TOOLS=$PWD/.tools "$scratch/debug/securescan" install semgrep bandit checkov hadolint trivy syft trufflehog3 detect-secrets
SECURESCAN_TEST_TOOLS=1 swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" --skip SecureScanServerTests "$@"
swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" --filter SecureScanServerTests "$@"
finished=$(date +%s)
echo "sanitizer $kind: build $((built - started)) s, tests $((finished - built)) s, no report"
