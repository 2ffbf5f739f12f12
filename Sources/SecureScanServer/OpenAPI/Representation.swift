import Foundation
import SecureScanCore
import SecureScanStore

/// The JSON the API answers with, one function per object; ``Schemas`` describes each shape.
enum Representation {
    static func counts(_ counts: SeverityCounts) -> JSONValue {
        ["critical": .int(counts.critical), "high": .int(counts.high), "medium": .int(counts.medium), "low": .int(counts.low),
         "info": .int(counts.info), "total": .int(counts.total)]
    }

    static func diff(_ diff: RunDiff.Counts) -> JSONValue {
        ["new": .int(diff.new), "unchanged": .int(diff.unchanged), "reopened": .int(diff.reopened), "fixed": .int(diff.fixed),
         "not_reassessed": .int(diff.notReassessed)]
    }

    static func gate(_ gate: GateResult) -> JSONValue {
        ["passed": .bool(gate.passed), "exit_code": .int(Int(gate.exitCode)), "reasons": .strings(gate.reasons)]
    }

    static func skipped(_ runs: [ScannerRun]) -> JSONValue {
        .array(runs.filter { $0.status == .skipped }.sorted { $0.scanner < $1.scanner }.map {
            ["name": .string($0.scanner), "reason": .string($0.reason ?? "not available"), "install_hint": .optional($0.installHint)]
        })
    }

    static func failed(_ runs: [ScannerRun]) -> JSONValue {
        .array(runs.filter(\.isError).sorted { $0.scanner < $1.scanner }.map {
            ["name": .string($0.scanner), "status": .string($0.status.rawValue), "error": .string($0.error ?? $0.status.rawValue)]
        })
    }

    /// A scan. `queuePosition` is 1 for the next to start; `site` is the artifact site's URL of the run.
    static func scan(_ scan: StoredScan, scannerRuns: [ScannerRun], queuePosition: Int?, site: String?) -> JSONValue {
        let run = scan.run
        var summary: JSONValue = .null
        if let run {
            let gate = run.gate.passed ? "gate passed" : "gate failed"
            let noun = run.counts.total == 1 ? "finding" : "findings"
            summary = .string("\(run.counts.total) open \(noun) (\(run.counts.critical) critical, \(run.counts.high) high); \(gate)")
        }
        return [
            "id": .string(scan.id), "target": .optional(scan.target), "target_path": .string(scan.targetPath),
            "scan_types": .strings(scan.scanTypes.map(\.rawValue)), "scanners": scan.scanners.map(JSONValue.strings) ?? .null,
            "status": .string(scan.status.rawValue), "origin": .string(scan.origin.rawValue), "requested_by": .optional(scan.requestedBy),
            "created_at": .string(scan.createdAt), "started_at": .optional(scan.startedAt), "completed_at": .optional(scan.completedAt),
            "findings_count": .int(run?.counts.total ?? 0), "risk_score": run.map { .double($0.riskScore) } ?? .null,
            "summary": summary, "error": .optional(scan.error), "target_url": .optional(scan.targetURL), "target_host": .optional(scan.targetHost),
            "scanners_run": .strings(scannerRuns.filter(\.completed).map(\.scanner).sorted()),
            "scanners_skipped": skipped(scannerRuns), "scanners_failed": failed(scannerRuns),
            "counts": run.map { counts($0.counts) } ?? .null, "suppressed": .int(run?.suppressed ?? 0),
            "diff": run.map { diff($0.diff) } ?? .null, "gate": run.map { gate($0.gate) } ?? .null,
            "commit": .optional(run?.commit), "branch": .optional(run?.branch), "base_scan_id": .optional(run?.baseRunID),
            "tool_version": .optional(run?.toolVersion), "queue_position": .optional(queuePosition), "site_url": .optional(site),
        ]
    }

    static func verdict(_ verdict: TriageVerdict?) -> JSONValue {
        guard let verdict else { return .null }
        return [
            "fingerprint": .string(verdict.fingerprint.rawValue), "status": .string(verdict.status.rawValue), "note": .optional(verdict.note),
            "expires": .optional(verdict.expires), "updated_at": .string(verdict.updatedAt), "updated_by": .optional(verdict.updatedBy),
        ]
    }

    /// A finding of a scan; `state` is added by the findings list.
    static func finding(_ finding: Finding, scanID: String, complianceTags: [String]) -> [String: JSONValue] {
        let suppression: JSONValue = finding.suppression.map {
            ["source": .string($0.source.rawValue), "reason": .string($0.reason), "expires": .optional($0.expires)]
        } ?? .null
        return [
            "id": .string(finding.fingerprint.rawValue), "fingerprint": .string(finding.fingerprint.rawValue), "scan_id": .string(scanID),
            "scanner": .string(finding.scanner), "reported_by": .strings(finding.reportedBy), "scan_type": .string(finding.scanType.rawValue),
            "severity": .string(finding.severity.rawValue), "original_severity": .optional(finding.originalSeverity?.rawValue),
            "title": .string(finding.title), "description": .string(finding.description),
            "file_path": .optional(finding.location?.path), "line_start": .optional(finding.location?.startLine),
            "line_end": .optional(finding.location?.endLine), "column_start": .optional(finding.location?.startColumn),
            "column_end": .optional(finding.location?.endColumn), "rule_id": .string(finding.ruleID),
            "cwe": .optional(finding.cwes.first), "cwes": .strings(finding.cwes), "aliases": .strings(finding.aliases),
            "remediation": .optional(finding.remediation), "references": .strings(finding.references), "evidence": .optional(finding.evidence),
            "metadata": .object(finding.properties.mapValues(JSONValue.string)), "compliance_tags": .strings(complianceTags),
            "change": .optional(finding.change?.rawValue), "suppression": suppression,
        ]
    }

    static func key(_ key: APIKeyRecord) -> [String: JSONValue] {
        [
            "id": .string(key.id), "name": .string(key.name), "prefix": .string(key.prefix), "scopes": .strings(key.scopes.map(\.rawValue)),
            "created_at": .string(key.createdAt), "created_by": .optional(key.createdBy), "expires_at": .optional(key.expiresAt),
            "last_used_at": .optional(key.lastUsedAt), "revoked_at": .optional(key.revokedAt),
        ]
    }

    static func comment(_ comment: Store.Comment) -> JSONValue {
        ["id": .string(comment.id), "fingerprint": .string(comment.fingerprint.rawValue), "text": .string(comment.text),
         "author": .optional(comment.author), "created_at": .string(comment.createdAt)]
    }

    static func notification(_ notification: SecureScanCore.Notification) -> JSONValue {
        [
            "id": .string(notification.id), "type": .string(notification.type), "title": .string(notification.title),
            "body": .optional(notification.body), "link": .optional(notification.link), "severity": .string(notification.severity.rawValue),
            "scan_id": .optional(notification.scanID), "created_at": .string(notification.createdAt), "read_at": .optional(notification.readAt),
        ]
    }

    static func webhook(_ webhook: WebhookRecord) -> [String: JSONValue] {
        [
            "id": .string(webhook.id), "name": .string(webhook.name), "url": .string(webhook.url),
            "event_filter": .strings(webhook.eventFilter.map(\.rawValue)), "enabled": .bool(webhook.enabled),
            "created_at": .string(webhook.createdAt), "updated_at": .string(webhook.updatedAt),
        ]
    }

    static func delivery(_ delivery: WebhookDelivery) -> JSONValue {
        [
            "id": .string(delivery.id), "webhook_id": .string(delivery.webhookID), "event": .string(delivery.event),
            "status": .string(delivery.status.rawValue), "attempt": .int(delivery.attempt), "next_attempt_at": .string(delivery.nextAttemptAt),
            "created_at": .string(delivery.createdAt), "updated_at": .string(delivery.updatedAt),
            "response_code": .optional(delivery.responseCode), "response_body": .optional(delivery.responseBody), "error": .optional(delivery.error),
        ]
    }
}
