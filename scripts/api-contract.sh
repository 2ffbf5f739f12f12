#!/usr/bin/env bash
# The API against its own OpenAPI document: schemathesis (fixed seed and example count) drives every
# operation of a live `securescan serve` loaded with realistic data (two scans of the demo project with its
# advisories, a triage verdict, a comment, a webhook, keys, notifications), whose identifiers it is given
# for most generated cases, and fails on any 5xx or any response whose status, content type, headers or
# body the document does not allow.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/securescan}
SCHEMATHESIS=.venv/bin/schemathesis
WORK=$(mktemp -d -t securescan-contract-XXXXXX)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  # KEEP_CONTRACT_WORK=1 keeps the folder (store, schemathesis.toml, report) for a look afterwards.
  if [ -z "${KEEP_CONTRACT_WORK:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT

mkdir -p "$WORK/roots"
cp -R fixtures/demo-app "$WORK/roots/demo-app"
# Realistic data: two runs of the demo project (so compare has two), with the offline advisories the demo uses.
"$BIN" db update-osv --from fixtures/osv/github-advisory-database --vuln-db "$WORK/vulndb" >/dev/null 2>&1
"$BIN" scan "$WORK/roots/demo-app" --output "$WORK/out" --vuln-db "$WORK/vulndb" >/dev/null 2>&1 || true
"$BIN" scan "$WORK/roots/demo-app" --output "$WORK/out" --vuln-db "$WORK/vulndb" >/dev/null 2>&1 || true
KEY=$("$BIN" keys create --name contract --scope admin --output "$WORK/out" 2>/dev/null)
"$BIN" keys create --name auditor --scope read --output "$WORK/out" >/dev/null 2>&1
"$BIN" serve --output "$WORK/out" --port "$PORT" --root "$WORK/roots" --vuln-db "$WORK/vulndb" --templates templates \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  sleep 0.1
done

# Triage, a comment and a webhook through the API, then every identifier the operations take, given to
# schemathesis as dictionaries (80 % of generated cases use a real one, the rest stay random), so each
# operation is exercised on its success paths too. Deleting operations keep random ids: they would remove
# the data the others need.
api() { curl -fsS -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$@"; }
BASE="http://127.0.0.1:$PORT/api/v1"
SCANS=$(api "$BASE/scans" | python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(sys.stdin)))')
FIRST=${SCANS%% *}
FINGERPRINTS=$(api "$BASE/scans/$FIRST/findings?limit=20" | python3 -c 'import json,sys; print(" ".join(f["fingerprint"] for f in json.load(sys.stdin)))')
FINGERPRINT=${FINGERPRINTS%% *}
api -X PATCH "$BASE/findings/$FINGERPRINT/state" -d '{"status": "accepted_risk", "note": "seeded", "expires": "2099-01-01"}' >/dev/null
COMMENT=$(api -X POST "$BASE/findings/$FINGERPRINT/comments" -d '{"text": "seeded comment"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
WEBHOOK=$(api -X POST "$BASE/webhooks" -d '{"name": "seeded", "url": "https://hooks.example.com/securescan", "event_filter": ["scan.complete"]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
KEYS=$(api "$BASE/keys" | python3 -c 'import json,sys; print(" ".join(k["id"] for k in json.load(sys.stdin) if k["name"] != "contract"))')
NOTIFICATIONS=$(api "$BASE/notifications" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(n["id"]) for n in (d if isinstance(d, list) else d.get("notifications", []))))')
python3 - "$WORK/schemathesis.toml" "$SCANS" "$FINGERPRINTS" "$COMMENT" "$WEBHOOK" "$KEYS" "$NOTIFICATIONS" <<'PY'
import json, sys
path, scans, fingerprints, comment, webhook, keys, notifications = sys.argv[1:]
def values(text): return json.dumps([v for v in text.split() if v] or ["none"])
def binding(name): return '{ dictionary = "%s", probability = 0.8 }' % name
operations = [
    ("/scans/\\\\{id\\\\}", "scans", "path.id"), ("/webhooks/\\\\{id\\\\}", "webhooks", "path.id"),
    ("/keys/\\\\{id\\\\}", "keys", "path.id"), ("/notifications/\\\\{id\\\\}", "notifications", "path.id"),
    ("/findings/\\\\{fingerprint\\\\}", "fingerprints", "path.fingerprint"),
]
with open(path, "w") as out:
    for name, text in [("scans", scans), ("fingerprints", fingerprints), ("comments", comment), ("webhooks", webhook),
                       ("keys", keys), ("notifications", notifications)]:
        out.write("[dictionaries.%s]\nvalues = %s\n\n" % (name, values(text)))
    for regex, dictionary, parameter in operations:
        out.write('[[operations]]\ninclude-path-regex = "%s"\nexclude-method = "DELETE"\nparameters = { "%s" = %s }\n\n'
                  % (regex, parameter, binding(dictionary)))
    out.write('[[operations]]\ninclude-path-regex = "/scans/compare$"\nparameters = { "query.scan_a" = %s, "query.scan_b" = %s }\n\n'
              % (binding("scans"), binding("scans")))
PY

status=0
"$SCHEMATHESIS" --config-file "$WORK/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.json" \
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
