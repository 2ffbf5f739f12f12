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

    static func verdict(_ verdict: TriageVerdict?) -> JSONValue {
        guard let verdict else { return .null }
        return [
            "fingerprint": .string(verdict.fingerprint.rawValue), "status": .string(verdict.status.rawValue), "note": .optional(verdict.note),
            "expires": .optional(verdict.expires), "updated_at": .string(verdict.updatedAt), "updated_by": .optional(verdict.updatedBy),
            "justification": .optional(verdict.justification?.rawValue),
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
