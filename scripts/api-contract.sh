#!/usr/bin/env bash
# The API against its own OpenAPI document: schemathesis (fixed seed and example count) drives every
# operation of a live `securescan serve` loaded with realistic data (two scans of the demo project with its
# advisories, a triage verdict, a comment, a webhook, keys, notifications), whose identifiers it is given
# for most generated cases, and fails on any 5xx, any response whose status, content type, headers or
# body the document does not allow, and any warning (an operation that never got past a 404, a 429 or its
# validation, so its success path went untested).
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

mkdir -p "$WORK/roots/scratch"
cp -R fixtures/demo-app "$WORK/roots/demo-app"
printf 'API_TOKEN = "%s"\n' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)" > "$WORK/roots/scratch/settings.py"
# Realistic data: two runs of the demo project (so compare has two), with the offline advisories the demo
# uses, and three runs of a scratch project that only the deleting operations are given.
"$BIN" db update-osv --from fixtures/osv/github-advisory-database --vuln-db "$WORK/vulndb" >/dev/null 2>&1
for _ in 1 2; do "$BIN" scan "$WORK/roots/demo-app" --output "$WORK/out" --vuln-db "$WORK/vulndb" >/dev/null 2>&1 || true; done
for _ in 1 2 3 4 5 6; do "$BIN" scan "$WORK/roots/scratch" --output "$WORK/out" >/dev/null 2>&1 || true; done
KEY=$("$BIN" keys create --name contract --scope admin --output "$WORK/out" 2>/dev/null)
"$BIN" keys create --name auditor --scope read --output "$WORK/out" >/dev/null 2>&1
for n in 1 2 3 4 5 6; do "$BIN" keys create --name "scratch-$n" --scope read --output "$WORK/out" >/dev/null 2>&1; done
# Installs go to a tools folder of this run and cannot fetch anything: pip has no index and apt no sources,
# so an install answers with its real failure instead of changing the machine.
mkdir -p "$WORK/tools" "$WORK/apt-lists/partial"
printf 'Dir::Etc::SourceList "/dev/null";\nDir::Etc::SourceParts "%s/none";\nDir::State::Lists "%s/apt-lists";\n' "$WORK" "$WORK" > "$WORK/apt.conf"
# Scans may be queued as fast as schemathesis sends them (the rate limit has its own tests), and no scan
# runs on this server (`--workers 0`, as when `securescan worker` processes run them), so a queued scan
# stays pending for the operations on pending scans (cancel) while the seeded ones stay as they are.
SECURESCAN_TOOLS="$WORK/tools" PIP_NO_INDEX=1 APT_CONFIG="$WORK/apt.conf" SECURESCAN_RATE_LIMIT_ENABLED=0 \
  "$BIN" serve --output "$WORK/out" --port "$PORT" --root "$WORK/roots" --vuln-db "$WORK/vulndb" --templates templates --workers 0 \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  sleep 0.1
done

# Triage, comments and webhooks through the API, then every identifier the operations take, given to
# schemathesis as dictionaries (80 % of generated cases use a real one, the rest stay random), so each
# operation is exercised on its success paths too. Deleting operations are only ever given scratch data
# (a binding of probability 1 also overrides the identifiers schemathesis learns from responses), so the
# data the other operations need stays.
api() { curl -fsS -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$@"; }
ids() { python3 -c 'import json,sys; print(" ".join(str(item["id"]) for item in json.load(sys.stdin)))'; }
BASE="http://127.0.0.1:$PORT/api/v1"
SCANS=$(api "$BASE/scans?target=demo-app" | ids)
SCRATCH_SCANS=$(api "$BASE/scans?target=scratch" | ids)
FIRST=${SCANS%% *}
FINGERPRINTS=$(api "$BASE/scans/$FIRST/findings?limit=20" | python3 -c 'import json,sys; print(" ".join(f["fingerprint"] for f in json.load(sys.stdin)))')
FINGERPRINT=${FINGERPRINTS%% *}
api -X PATCH "$BASE/findings/$FINGERPRINT/state" -d '{"status": "accepted_risk", "note": "seeded", "expires": "2099-01-01"}' >/dev/null
COMMENT=$(api -X POST "$BASE/findings/$FINGERPRINT/comments" -d '{"text": "seeded comment"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
SCRATCH_COMMENTS=""
for n in 1 2 3 4 5 6; do
  SCRATCH_COMMENTS="$SCRATCH_COMMENTS $(api -X POST "$BASE/findings/$FINGERPRINT/comments" -d "{\"text\": \"scratch $n\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
done
webhook() { api -X POST "$BASE/webhooks" -d "{\"name\": \"$1\", \"url\": \"https://hooks.example.com/securescan\", \"event_filter\": [\"scan.complete\"]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
WEBHOOK=$(webhook seeded)
SCRATCH_WEBHOOKS=""
for n in 1 2 3 4 5 6; do SCRATCH_WEBHOOKS="$SCRATCH_WEBHOOKS $(webhook "scratch-$n")"; done
KEYS=$(api "$BASE/keys" | python3 -c 'import json,sys; print(" ".join(k["id"] for k in json.load(sys.stdin) if k["name"] == "auditor"))')
SCRATCH_KEYS=$(api "$BASE/keys" | python3 -c 'import json,sys; print(" ".join(k["id"] for k in json.load(sys.stdin) if k["name"].startswith("scratch-")))')
NOTIFICATIONS=$(api "$BASE/notifications" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(n["id"]) for n in (d if isinstance(d, list) else d.get("notifications", []))))')
curl -fsS "http://127.0.0.1:$PORT/openapi.json" > "$WORK/openapi.json"
# Two published runs without artifacts (one for /api/v1, one for the legacy path), from the document's own
# examples: the upload operations get their ids and a manifest of each as the one file to send.
PUBLISHED=$(python3 - "$WORK/openapi.json" "$WORK" <<'PY'
import base64, json, sys
document, work = sys.argv[1:]
schemas = json.load(open(document))["components"]["schemas"]
publication = schemas["RunPublication"]["examples"][0]
upload = schemas["ArtifactUpload"]["examples"][0]
manifest = json.loads(base64.b64decode(upload["files"][0]["content"]))
for suffix in ("v1", "legacy"):
    run_id = "20261201T090000Z-seeded-" + suffix
    publication["run"]["runID"] = run_id
    manifest["run_id"] = run_id
    json.dump(publication, open("%s/publication-%s.json" % (work, suffix), "w"))
    open("%s/manifest-%s.b64" % (work, suffix), "w").write(base64.b64encode(json.dumps(manifest).encode()).decode())
    print(run_id)
PY
)
for suffix in v1 legacy; do api -X POST "$BASE/runs" --data-binary "@$WORK/publication-$suffix.json" >/dev/null; done
python3 - "$WORK/schemathesis.toml" "$WORK/roots" "$WORK/openapi.json" "$WORK" <<PY
import json, sys
path, roots, document, work = sys.argv[1:]
values = {
    "scans": "$SCANS", "fingerprints": "$FINGERPRINTS", "webhooks": "$WEBHOOK", "keys": "$KEYS",
    "notifications": "$NOTIFICATIONS", "fingerprint": "$FINGERPRINT", "directories": ". demo-app scratch " + roots + "/demo-app",
}
scratch = {"scans": "$SCRATCH_SCANS", "webhooks": "$SCRATCH_WEBHOOKS", "keys": "$SCRATCH_KEYS", "comments": "$SCRATCH_COMMENTS"}
dictionaries = {name: text.split() for name, text in values.items()}
def binding(name, probability=0.8): return '{ dictionary = "%s", probability = %s }' % (name, probability)
def scratch_binding(kind, operation, legacy):
    # The /api/v1 and the legacy operation each get half of the scratch items, so both can delete some.
    items = scratch[kind].split()
    name = "scratch_%s_%s" % (kind, operation)
    dictionaries[name] = items[len(items) // 2:] if legacy else items[:len(items) // 2]
    return binding(name, 1.0)
blocks = []
for route, methods in json.load(open(document))["paths"].items():
    for method, operation in methods.items():
        identifier, legacy = operation["operationId"], operation.get("deprecated", False)
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        bound = {}
        deleting = method == "delete"
        if "id" in names:
            kind = route.split("/")[-2] if route.endswith("{id}") else route.split("/{id}")[0].split("/")[-1]
            if deleting: bound["path.id"] = scratch_binding(kind, identifier, legacy)
            # Scans queued during the run stay pending, and schemathesis reuses their ids; the seeded,
            # completed ones are what the findings, report and SBOM operations need.
            elif kind == "scans": bound["path.id"] = binding(kind, 0.95)
            elif kind in values: bound["path.id"] = binding(kind)
        if "fingerprint" in names:
            bound["path.fingerprint"] = binding("fingerprint", 1.0) if deleting else binding("fingerprints")
        if "comment_id" in names:
            bound["path.comment_id"] = scratch_binding("comments", identifier, legacy)
        if identifier.startswith("compareScans"):
            bound.update({"query.scan_a": binding("scans"), "query.scan_b": binding("scans")})
        if identifier.startswith("browse"):
            bound["query.path"] = binding("directories")
        if identifier.startswith("createScan"):
            bound["body.target_path"] = binding("directories")
        if identifier.startswith("uploadRunArtifacts"):
            suffix = "legacy" if legacy else "v1"
            dictionaries["run_" + suffix] = ["20261201T090000Z-seeded-" + suffix]
            dictionaries["manifest_" + suffix] = [open("%s/manifest-%s.b64" % (work, suffix)).read()]
            dictionaries["manifest_name"] = ["manifest.json"]
            bound.update({"path.id": binding("run_" + suffix, 1.0), "body.files[*].name": binding("manifest_name", 1.0),
                          "body.files[*].content": binding("manifest_" + suffix, 1.0)})
        if bound:
            blocks.append((identifier, bound))
with open(path, "w") as out:
    # Any warning (an operation only ever refused, rate limited or not found) fails the run as errors do.
    out.write("[warnings]\nfail-on = true\n\n")
    for name, items in dictionaries.items():
        out.write("[dictionaries.%s]\nvalues = %s\n\n" % (name, json.dumps(items or ["none"])))
    for identifier, bound in blocks:
        out.write('[[operations]]\ninclude-operation-id = "%s"\nparameters = { %s }\n\n'
                  % (identifier, ", ".join('"%s" = %s' % item for item in bound.items())))
PY

status=0
"$SCHEMATHESIS" --config-file "$WORK/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.json" \
  --header "X-API-Key: $KEY" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --seed 20261201 --max-examples 25 --workers 1 --request-timeout 20 --no-color \
  --exclude-path-regex '/events$' --generation-database none \
  --report junit --report-dir "$WORK/report" ${CONTRACT_EXTRA_ARGS:-} || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis found responses the OpenAPI document does not allow (exit $status); server log:" >&2
  tail -50 "$WORK/serve.log" >&2
fi
exit "$status"
