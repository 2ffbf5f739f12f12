import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// The component schemas of the OpenAPI document: one per object ``Representation`` writes.
enum Schemas {
    static let nullableText = APISchema.nullable(.text)
    static let nullableTime = APISchema.nullable(.timestamp)
    static let severity = APISchema.values(Severity.descending.map(\.rawValue))
    static let scanType = APISchema.values(ScanType.allCases.map(\.rawValue))
    /// A count in a published run (lines, columns, milliseconds).
    static let count = APISchema.integer(minimum: 0, maximum: Int(Int32.max))
    /// A run id or target name a published run may carry (a file name: no `/`, `\`, leading `.` or control characters).
    static let safeName = "^[A-Za-z0-9_][A-Za-z0-9._-]*$"
    /// `2026-12-01T00:00:00Z`, as runs record their times (days past the 28th are accepted too, but not promised here).
    static let utcTimestamp = #"^(19[7-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z$"#
    /// What a webhook URL may look like: http(s), a host name or address (no credentials), an optional port
    /// and path. Hosts on internal networks are still refused unless `webhooks.allow_networks` allows them.
    static let webhookURL = APISchema.example(
        .string(pattern: #"^https?://[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~/-]*)?$"#,
                length: 10...2048),
        "https://hooks.example.com/securescan")

    static var all: [String: APISchema] {
        [
            "Error": .object(["detail": .text, "status": .integer()], required: ["detail", "status"], open: true),
            "Counts": .record(["critical": .integer(minimum: 0), "high": .integer(minimum: 0), "medium": .integer(minimum: 0),
                               "low": .integer(minimum: 0), "info": .integer(minimum: 0), "total": .integer(minimum: 0)]),
            "DiffCounts": .record(["new": .integer(minimum: 0), "unchanged": .integer(minimum: 0), "reopened": .integer(minimum: 0),
                                   "fixed": .integer(minimum: 0), "not_reassessed": .integer(minimum: 0)]),
            "Gate": .record(["passed": .boolean, "exit_code": .integer(minimum: 0, maximum: 255), "reasons": .list(.text)]),
            "ScannerSkip": .record(["name": .text, "reason": .text, "install_hint": nullableText]),
            "ScannerFailure": .record(["name": .text, "status": .values(["failed", "timed_out"]), "error": .text]),
            "Scan": scan,
            "ScanRequest": .object([
                "target_path": .described(.example(.string(length: 1...4096), "."),
                                          "A directory inside one of the server's scan roots: absolute, or relative to the roots (`.` is the first root)."),
                "scan_types": .described(.array(scanType, minimum: 1, maximum: 6), "Scanner types to run (default: code, dependency, iac)."),
                "scanners": .described(.nullable(.array(.values(Scanners.all.map(\.id).sorted()), minimum: 1, maximum: 50)), "Scanner ids; overrides scan_types."),
                "target_name": .described(.nullable(.string(pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$", length: 1...100)), "Overrides the target's name."),
                "target_url": .nullable(.string(length: 1...2048)), "target_host": .nullable(.string(length: 1...255)),
            ], required: ["target_path"]),
            "Finding": finding(withState: false),
            "FindingWithState": finding(withState: true),
            "FindingState": .record([
                "fingerprint": .text, "status": .values(TriageStatus.allCases.map(\.rawValue)), "note": nullableText,
                "expires": .nullable(.string(format: "date")), "updated_at": .timestamp, "updated_by": nullableText,
                "justification": .described(.nullable(.values(VEXJustification.labels)), "OpenVEX's justification, for `not_affected`."),
            ]),
            "FindingStateRequest": .object([
                "status": .described(.values(TriageStatus.accepted), "`new` and `triaged` are read as `open` and `confirmed`."),
                "note": .nullable(.string(length: 0...4000)), "expires": .described(.nullable(.string(format: "date")), "YYYY-MM-DD; for accepted_risk."),
                "justification": .described(
                    .nullable(.values(VEXJustification.labels)),
                    "Required with `not_affected` (one of OpenVEX's five justifications, written to `vex.openvex.json`); refused with any other status."),
                "updated_by": .described(.nullable(.string(length: 0...200)), "Ignored: the calling key is recorded."),
            ], required: ["status"]),
            "FindingStateHistory": .record(["current": .nullable(.ref("FindingState")), "history": .list(.ref("FindingState"))]),
            "Comment": .record(["id": .text, "fingerprint": .text, "text": .text, "author": nullableText, "created_at": .timestamp]),
            "CommentRequest": .object(["text": .string(length: 1...10_000), "author": .nullable(.string(length: 0...200))], required: ["text"]),
            "ScanSummary": .record([
                "scan_id": .text, "status": .values(ScanStatus.allCases.map(\.rawValue)),
                "total_findings": .integer(minimum: 0), "critical": .integer(minimum: 0), "high": .integer(minimum: 0),
                "medium": .integer(minimum: 0), "low": .integer(minimum: 0), "info": .integer(minimum: 0), "suppressed": .integer(minimum: 0),
                "risk_score": .nullable(.number(minimum: 0, maximum: 100)), "scanners_run": .list(.text),
                "scanners_skipped": .list(.ref("ScannerSkip")), "scanners_failed": .list(.ref("ScannerFailure")),
                "diff": .nullable(.ref("DiffCounts")), "gate": .nullable(.ref("Gate")), "started_at": nullableTime,
                "completed_at": nullableTime, "duration_s": .nullable(.number(minimum: 0)),
            ]),
            "Compare": .record([
                "scan_a": .ref("Scan"), "scan_b": .ref("Scan"), "same_target": .boolean,
                "new_findings": .list(.ref("Finding")), "fixed_findings": .list(.ref("Finding")), "unchanged_findings": .list(.ref("Finding")),
                "summary": .record(["new_count": .integer(minimum: 0), "fixed_count": .integer(minimum: 0),
                                    "unchanged_count": .integer(minimum: 0), "risk_delta": .number()]),
            ]),
            "EventToken": .record(["token": .text, "expires_in": .integer(minimum: 1)]),
            "ApiKey": .object(key, required: key.keys.sorted()),
            "ApiKeyCreated": .object(key.merging(["key": .described(.text, "The plaintext key. Shown once; store it now.")]) { a, _ in a },
                                     required: (Array(key.keys) + ["key"]).sorted()),
            "VerdictLookup": .object(["fingerprints": .array(.string(length: 1...200), minimum: 1, maximum: 2_000)], required: ["fingerprints"]),
            "RunPublication": .example(.object([
                "kind": .values([RunPublication.kind]), "version": .integer(minimum: 1, maximum: 1),
                "run": .ref("PublishedRunReport"), "gate": .ref("GatePolicy"),
                "target_path": .nullable(.string(length: 0...4096)),
            ], required: ["kind", "version", "run", "gate"]), RunExample.publication),
            "PublishedRunReport": .described(.object([
                "runID": .string(pattern: safeName, length: 1...200), "target": .object([
                    "name": .string(pattern: safeName, length: 1...200), "commit": nullableText, "branch": nullableText,
                ], required: ["name"]),
                "startedAt": .string(format: "date-time", pattern: utcTimestamp), "finishedAt": .string(format: "date-time", pattern: utcTimestamp),
                "tool": .object(["name": .text, "version": .text], required: ["name", "version"]),
                "scannerRuns": .list(.ref("PublishedScannerRun")), "findings": .list(.ref("PublishedFinding")),
                "components": .list(.ref("PublishedComponent")),
                "diff": .object(Dictionary(uniqueKeysWithValues: ["new", "unchanged", "reopened", "fixed", "notReassessed"].map { ($0, .list(.ref("PublishedFinding"))) }),
                                required: ["new", "unchanged", "reopened", "fixed", "notReassessed"]),
                "baseRunID": nullableText, "gate": .ref("Gate"), "configDigest": .text,
                "advisoryDatabase": .described(.nullable(.object([
                    "digest": .text, "records": .integer(minimum: 0, maximum: Int(Int32.max)), "ecosystems": .map(.integer(minimum: 0, maximum: Int(Int32.max))),
                    "newestModified": nullableText, "knownExploitedCatalog": nullableText, "exploitPredictionDate": nullableText,
                ], required: ["digest", "records", "ecosystems"])), "The advisory database the osv scanner matched against."),
                "notes": .described(.list(.string(length: 0...100_000)), "What the walk of the target left out, and why."),
            ], required: ["runID", "target", "startedAt", "finishedAt", "tool", "scannerRuns", "findings", "components", "diff", "gate", "configDigest"]),
            "The run as `securescan` encodes it (RunReport); `finishedAt` is not before `startedAt`; each scanner, finding fingerprint and component (purl and manifest path) appears once."),
            "PublishedScannerRun": .object([
                "scanner": .text, "scanType": scanType, "status": .values(["ran", "skipped", "failed", "timed_out"]),
                "version": nullableText, "reason": nullableText, "installHint": nullableText, "error": nullableText,
                "findingCount": count, "durationMilliseconds": count, "notes": .list(.text), "skippedEntries": count,
            ], required: ["scanner", "scanType", "status", "findingCount", "durationMilliseconds", "notes"]),
            "PublishedFinding": .object([
                "fingerprint": .text, "scanner": .text, "scanType": scanType, "ruleID": .text, "severity": severity,
                "originalSeverity": .nullable(severity), "title": .text, "description": .text,
                "location": .nullable(.object(["path": .text, "startLine": .nullable(count), "endLine": .nullable(count),
                                               "startColumn": .nullable(count), "endColumn": .nullable(count)], required: ["path"])),
                "cwes": .list(.text), "aliases": .list(.text), "remediation": nullableText, "references": .list(.text),
                "evidence": nullableText, "properties": .map(.text), "reportedBy": .list(.text),
                "suppression": .nullable(.object([
                    "source": .values(Suppression.Source.allCases.map(\.rawValue)), "reason": .text, "expires": nullableText,
                    "justification": .nullable(.values(VEXJustification.labels)),
                ], required: ["source", "reason"])),
                "change": .nullable(.values(DiffStatus.allCases.map(\.rawValue))),
            ], required: ["fingerprint", "scanner", "scanType", "ruleID", "severity", "title", "description", "cwes", "aliases",
                          "references", "properties", "reportedBy"]),
            "PublishedComponent": .object([
                "name": .text, "version": .text, "purl": .text, "ecosystem": .text, "licenses": .list(.text),
                "scope": .values(["required", "optional", "development"]), "manifestPath": .text, "hashes": .map(.text),
                "dependsOn": .list(.text), "properties": .map(.text),
            ], required: ["name", "version", "purl", "ecosystem", "licenses", "scope", "manifestPath", "hashes", "dependsOn"]),
            "GatePolicy": .described(.object([
                "failOn": .nullable(severity), "failOnNew": .nullable(severity), "maxFindings": .nullable(.integer(minimum: 0)),
                "maxNew": .nullable(.integer(minimum: 0)), "failOnScannerError": .boolean, "allowInlineSuppressions": .boolean,
                "failOnKEV": .nullable(.boolean), "minEPSS": .nullable(.number(minimum: 0, maximum: 1)),
            ], required: ["failOnScannerError", "allowInlineSuppressions"]), "The gate the runner was asked for."),
            "PublishedRun": .record([
                "result": .record([
                    "run_id": .text, "target": .text, "base_run_id": nullableText, "counts": .ref("Counts"), "suppressed": .integer(minimum: 0),
                    "risk_score": .number(minimum: 0), "diff": .ref("DiffCounts"), "gate": .ref("Gate"), "scan_url": .text,
                ]),
                "run": .described(.object([:], required: [], open: true), "The judged run (RunReport), to render the artifacts from."),
            ]),
            "ArtifactUpload": .example(.object([
                "files": .described(.array(.object(["name": .string(pattern: safeName, length: 1...200), "content": .described(.text, "Base64.")],
                                                   required: ["name", "content"]), minimum: 1, maximum: 100),
                                    "The run folder's files, each once; `manifest.json` (of this run) lists every other one with its size and SHA-256."),
            ], required: ["files"]), RunExample.artifacts),
            "ArtifactsKept": .record(["run_id": .text, "files": .integer(minimum: 1), "site_url": nullableText]),
            "ApiKeyRequest": .object([
                "name": .string(length: 1...200), "scopes": .described(.array(.values(APIScope.allCases.map(\.rawValue)), maximum: 3), "Default: read."),
                "expires_in_days": .nullable(.integer(minimum: 1, maximum: 3650)),
            ], required: ["name"]),
            "Webhook": .object(webhook, required: webhook.keys.sorted()),
            "WebhookCreated": .object(webhook.merging(["secret": .described(.text, "The signing secret. Shown once.")]) { a, _ in a },
                                      required: (Array(webhook.keys) + ["secret"]).sorted()),
            "WebhookRequest": .object([
                "name": .example(.string(length: 1...200), "ci-alerts"), "url": webhookURL,
                "event_filter": .array(.values(WebhookEvent.allCases.map(\.rawValue)), minimum: 1, maximum: 10),
                "enabled": .boolean,
            ], required: ["name", "url", "event_filter"]),
            "WebhookUpdate": .object([
                "name": .string(length: 1...200), "url": webhookURL,
                "event_filter": .array(.values(WebhookEvent.allCases.map(\.rawValue)), minimum: 1, maximum: 10), "enabled": .boolean,
            ], required: []),
            "WebhookDelivery": .record([
                "id": .text, "webhook_id": .text, "event": .text, "status": .values(WebhookDelivery.Status.allCases.map(\.rawValue)),
                "attempt": .integer(minimum: 0), "next_attempt_at": .timestamp, "created_at": .timestamp, "updated_at": .timestamp,
                "response_code": .nullable(.integer()), "response_body": nullableText, "error": nullableText,
            ]),
            "WebhookTest": .record(["delivery_id": .text, "webhook_id": .text, "event": .values(["webhook.test"])]),
            "Notification": .record([
                "id": .text, "type": .text, "title": .text, "body": nullableText, "link": nullableText,
                "severity": .values(Notification.Level.allCases.map(\.rawValue)), "scan_id": nullableText, "created_at": .timestamp,
                "read_at": nullableTime,
            ]),
            "ScannerStatus": .record([
                "name": .text, "scan_type": scanType, "available": .boolean, "version": nullableText, "message": .text,
                "description": .text, "checks": .list(.text), "install_hint": nullableText, "installable": .boolean, "builtin": .boolean,
            ]),
            "DashboardStatus": .record(["scanners": .list(.ref("ScannerStatus")), "checked_at": .timestamp]),
            "Stats": .record([
                "total_scans": .integer(minimum: 0), "completed_scans": .integer(minimum: 0), "total_findings": .integer(minimum: 0),
                "average_risk_score": .nullable(.number(minimum: 0, maximum: 100)), "targets": .integer(minimum: 0),
                "scans_by_status": .map(.integer(minimum: 0)), "open_findings_latest": .ref("Counts"),
            ]),
            "TrendPoint": .record([
                "date": .string(format: "date"), "risk_score": .number(minimum: 0, maximum: 100), "total_findings": .integer(minimum: 0),
                "critical": .integer(minimum: 0), "high": .integer(minimum: 0), "medium": .integer(minimum: 0), "low": .integer(minimum: 0),
                "info": .integer(minimum: 0), "scans": .integer(minimum: 0), "targets": .integer(minimum: 0),
            ]),
            "Trends": .record(["data": .list(.ref("TrendPoint")), "target": nullableText, "days": .integer(minimum: 1)]),
            "BrowseEntry": .record(["name": .text, "path": .text, "is_dir": .boolean]),
            "Browse": .record(["current": .text, "parent": nullableText, "entries": .list(.ref("BrowseEntry")), "roots": .list(.text)]),
            "InstallResult": .record(["success": .boolean, "message": .text, "output": nullableText]),
            "Framework": .record(["id": .text, "name": .text, "version": .text, "source": .text, "total_controls": .integer(minimum: 0)]),
            "Frameworks": .record(["frameworks": .list(.ref("Framework"))]),
            "CoverageFinding": .record(["fingerprint": .text, "scanner": .text, "rule_id": .text, "severity": severity, "title": .text,
                                        "location": nullableText]),
            "CoverageControl": .record([
                "id": .text, "name": .text, "status": .values(["findings", "clear", "not_assessed"]),
                "assessed_by": .list(.text), "findings": .list(.ref("CoverageFinding")),
            ]),
            "CoverageEntry": .record([
                "framework": .text, "name": .text, "version": .text, "source": .text, "total_controls": .integer(minimum: 0),
                "controls_with_findings": .integer(minimum: 0), "controls_clear": .integer(minimum: 0),
                "controls_not_assessed": .integer(minimum: 0), "coverage_percentage": .number(minimum: 0, maximum: 100),
                "controls": .list(.ref("CoverageControl")),
            ]),
            "Coverage": .record(["scan_id": .text, "coverage": .list(.ref("CoverageEntry"))]),
            "Count": .record(["count": .integer(minimum: 0)]),
            "MarkedRead": .record(["marked_read": .integer(minimum: 0)]),
            "Root": .record(["name": .text, "version": .text, "status": .text, "docs": .text, "health": .text, "site": .text, "read_only": .boolean]),
            "Health": .record(["status": .values(["ok"])]),
            "Ready": .record(["status": .values(["ready", "not_ready"]), "checks": .map(.text)]),
        ]
    }

    static var scan: APISchema {
        .record([
            "id": .text, "target": nullableText, "target_path": .text, "scan_types": .list(scanType),
            "scanners": .nullable(.list(.text)), "status": .values(ScanStatus.allCases.map(\.rawValue)),
            "origin": .values(["cli", "api", "batch", "import", "publish"]), "requested_by": nullableText, "created_at": .timestamp,
            "started_at": nullableTime, "completed_at": nullableTime, "findings_count": .integer(minimum: 0),
            "risk_score": .nullable(.number(minimum: 0, maximum: 100)), "summary": nullableText, "error": nullableText,
            "target_url": nullableText, "target_host": nullableText, "scanners_run": .list(.text),
            "scanners_skipped": .list(.ref("ScannerSkip")), "scanners_failed": .list(.ref("ScannerFailure")),
            "counts": .nullable(.ref("Counts")), "suppressed": .integer(minimum: 0), "diff": .nullable(.ref("DiffCounts")),
            "gate": .nullable(.ref("Gate")), "commit": nullableText, "branch": nullableText, "base_scan_id": nullableText,
            "tool_version": nullableText, "queue_position": .nullable(.integer(minimum: 1)), "site_url": nullableText,
        ])
    }

    static func finding(withState: Bool) -> APISchema {
        var members: [String: APISchema] = [
            "id": .text, "fingerprint": .text, "scan_id": .text, "scanner": .text, "reported_by": .list(.text), "scan_type": scanType,
            "severity": severity, "original_severity": .nullable(severity), "title": .text, "description": .text,
            "file_path": nullableText, "line_start": .nullable(.integer()), "line_end": .nullable(.integer()),
            "column_start": .nullable(.integer()), "column_end": .nullable(.integer()), "rule_id": .text, "cwe": nullableText,
            "cwes": .list(.text), "aliases": .list(.text), "remediation": nullableText, "references": .list(.text), "evidence": nullableText,
            "metadata": .map(.text), "compliance_tags": .list(.text),
            "change": .nullable(.values(["new", "unchanged", "reopened", "fixed", "not_reassessed"])),
            "suppression": .nullable(.record(["source": .values(Suppression.Source.allCases.map(\.rawValue)), "reason": .text,
                                              "expires": nullableText,
                                              "justification": .described(.nullable(.values(VEXJustification.labels)), "For `not_affected` (triage or VEX): OpenVEX's justification.")])),
        ]
        if withState { members["state"] = .nullable(.ref("FindingState")) }
        return .record(members)
    }

    static let key: [String: APISchema] = [
        "id": .text, "name": .text, "prefix": .text, "scopes": .list(.values(APIScope.allCases.map(\.rawValue))),
        "created_at": .timestamp, "created_by": nullableText, "expires_at": nullableTime, "last_used_at": nullableTime,
        "revoked_at": nullableTime,
    ]

    static let webhook: [String: APISchema] = [
        "id": .text, "name": .text, "url": .text, "event_filter": .list(.values(WebhookEvent.allCases.map(\.rawValue))),
        "enabled": .boolean, "created_at": .timestamp, "updated_at": .timestamp,
    ]
}
