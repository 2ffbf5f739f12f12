#!/usr/bin/env bash
# The API against its own OpenAPI document: schemathesis (fixed seed and example count) drives every
# operation of a live `securescan serve` loaded with a real scan of the demo project, and fails on any
# 5xx or any response whose status, content type, headers or body the document does not allow.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/securescan}
SCHEMATHESIS=.venv/bin/schemathesis
WORK=$(mktemp -d -t securescan-contract-XXXXXX)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/roots"
cp -R fixtures/demo-app "$WORK/roots/demo-app"
"$BIN" scan "$WORK/roots/demo-app" --output "$WORK/out" --vuln-db "$WORK/vulndb" >/dev/null 2>&1 || true
KEY=$("$BIN" keys create --name contract --scope admin --output "$WORK/out" 2>/dev/null)
"$BIN" serve --output "$WORK/out" --port "$PORT" --root "$WORK/roots" --vuln-db "$WORK/vulndb" --templates templates \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  sleep 0.1
done

status=0
"$SCHEMATHESIS" run "http://127.0.0.1:$PORT/openapi.json" \
  --header "X-API-Key: $KEY" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --seed 20261201 --max-examples 25 --workers 1 --request-timeout 20 --no-color \
  --exclude-path-regex '/events$' --generation-database none \
  --report junit --report-dir "$WORK/report" || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis found responses the OpenAPI document does not allow (exit $status); server log:" >&2
  tail -50 "$WORK/serve.log" >&2
fi
exit "$status"
