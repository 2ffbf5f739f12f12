import Crypto

/// What a webhook receiver gets: the body for its kind of receiver (generic JSON, Slack, Discord) and the
/// signature headers over exactly those bytes.
public struct WebhookPayload: Sendable, Hashable {
    /// The receiver's expected shape, chosen from its URL.
    public enum Flavor: String, Sendable, Hashable {
        case generic
        case slack
        case discord

        public init(url: String) {
            let lowered = url.lowercased()
            if lowered.contains("hooks.slack.com") {
                self = .slack
            } else if lowered.contains("discord.com/api/webhooks") || lowered.contains("discordapp.com/api/webhooks") {
                self = .discord
            } else {
                self = .generic
            }
        }
    }

    public var event: WebhookEvent
    public var scanID: String?
    public var data: [String: JSONValue]
    /// When the event happened (ISO-8601 UTC).
    public var occurredAt: String

    public init(event: WebhookEvent, scanID: String?, data: [String: JSONValue], occurredAt: String) {
        self.event = event
        self.scanID = scanID
        self.data = data
        self.occurredAt = occurredAt
    }

    /// The stored form of a delivery's payload (the body is built from it at each attempt).
    public var stored: JSONValue {
        ["event": .string(event.rawValue), "scan_id": .optional(scanID), "data": .object(data), "occurred_at": .string(occurredAt)]
    }

    /// Reads a stored payload back; nil when it is not one.
    public init?(stored: JSONValue) {
        guard let name = stored["event"]?.stringValue, let event = WebhookEvent(rawValue: name),
              let data = stored["data"]?.objectValue, let occurredAt = stored["occurred_at"]?.stringValue else { return nil }
        self.init(event: event, scanID: stored["scan_id"]?.stringValue, data: data, occurredAt: occurredAt)
    }

    /// The request body for a receiver of `flavor`.
    public func body(flavor: Flavor, deliveryID: String, deliveredAt: String) -> [UInt8] {
        let value: JSONValue
        switch flavor {
        case .generic:
            var data = self.data
            if let scanID { data["scan_id"] = .string(scanID) }
            value = [
                "event": .string(event.rawValue), "scan_id": .optional(scanID), "data": .object(data),
                "occurred_at": .string(occurredAt), "delivered_at": .string(deliveredAt), "delivery_id": .string(deliveryID),
            ]
        case .slack:
            value = slack(deliveredAt: deliveredAt)
        case .discord:
            value = discord(deliveredAt: deliveredAt)
        }
        return Array(value.compactJSON.utf8)
    }

    /// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>`, Stripe-style; receivers should
    /// reject timestamps older than five minutes.
    public static func signature(secret: [UInt8], timestamp: Int, body: [UInt8]) -> String {
        var message = Array("\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "t=\(timestamp),v1=\(Array(mac).hexString)"
    }

    // MARK: - Receiver shapes

    private var shortScanID: String { scanID.map { String($0.prefix(8)) } ?? "—" }
    private var target: String? { data["target"]?.stringValue }

    /// One line saying what happened.
    public var summary: String {
        let on = target.map { " of \($0)" } ?? ""
        switch event {
        case .scanComplete:
            let count = data["findings_count"]?.intValue ?? 0
            return "✅ Scan \(shortScanID)\(on) completed: \(count) open finding\(count == 1 ? "" : "s")"
        case .scanFailed:
            return "❌ Scan \(shortScanID)\(on) failed: \(data["error"]?.stringValue ?? "unknown error")"
        case .scanCancelled:
            return "⏹️ Scan \(shortScanID)\(on) was cancelled"
        case .scannerFailed:
            return "⚠️ Scanner `\(data["scanner"]?.stringValue ?? "?")` failed in scan \(shortScanID)"
        case .findingsNew:
            let count = data["count"]?.intValue ?? 0
            return "🚨 \(count) new critical/high finding\(count == 1 ? "" : "s")" + (target.map { " on \($0)" } ?? "") + " (scan \(shortScanID))"
        case .webhookTest:
            return "🔧 SecureScan webhook test"
        case .batchComplete:
            let targets = data["targets"]?.intValue ?? 0, failed = data["failed"]?.intValue ?? 0, gates = data["gates_failed"]?.intValue ?? 0
            return "📋 Batch \(data["batch_id"]?.stringValue ?? "") audited \(targets) target\(targets == 1 ? "" : "s"): \(data["new_findings"]?.intValue ?? 0) new findings, \(gates) gate\(gates == 1 ? "" : "s") failed, \(failed) failed"
        }
    }

    private var severityLine: String? {
        guard let counts = data["severity_counts"]?.objectValue else { return nil }
        return Severity.descending.map { "\($0.rawValue): \(counts[$0.rawValue]?.intValue ?? 0)" }.joined(separator: " · ")
    }

    private func slack(deliveredAt: String) -> JSONValue {
        var fields: [JSONValue] = [["type": "mrkdwn", "text": .string("*Scan ID:*\n`\(shortScanID)`")]]
        if let target { fields.append(["type": "mrkdwn", "text": .string("*Target:*\n\(target)")]) }
        if let count = data["findings_count"]?.intValue ?? data["count"]?.intValue {
            fields.append(["type": "mrkdwn", "text": .string("*Findings:*\n\(count)")])
        }
        var blocks: [JSONValue] = [
            ["type": "header", "text": ["type": "plain_text", "text": .string(summary), "emoji": true]],
            ["type": "section", "fields": .array(fields)],
        ]
        if let detail = detailLine {
            blocks.append(["type": "section", "text": ["type": "mrkdwn", "text": .string(detail)]])
        }
        blocks.append(["type": "context", "elements": [["type": "mrkdwn", "text": .string("SecureScan • \(deliveredAt)")]]])
        return ["text": .string(summary), "blocks": .array(blocks)]
    }

    private func discord(deliveredAt: String) -> JSONValue {
        var fields: [JSONValue] = [["name": "Scan ID", "value": .string("`\(shortScanID)`"), "inline": true]]
        if let target { fields.append(["name": "Target", "value": .string(target), "inline": true]) }
        if let count = data["findings_count"]?.intValue ?? data["count"]?.intValue {
            fields.append(["name": "Findings", "value": .string(String(count)), "inline": true])
        }
        if let detail = detailLine { fields.append(["name": "Details", "value": .string(detail), "inline": false]) }
        let color: Int = switch event {
        case .scanComplete: 0x2ECC71
        case .scanFailed: 0xFF8C00
        case .scannerFailed, .findingsNew: 0xE74C3C
        case .scanCancelled, .webhookTest, .batchComplete: 0x3498DB
        }
        return ["content": .string(summary), "embeds": [[
            "title": .string(summary), "color": .int(color), "fields": .array(fields),
            "timestamp": .string(deliveredAt), "footer": ["text": "SecureScan"],
        ]]]
    }

    /// The event-specific line: severity counts, the error, or the new findings' titles.
    private var detailLine: String? {
        switch event {
        case .scanComplete:
            guard let line = severityLine else { return nil }
            let risk = data["risk_score"].flatMap { value -> String? in
                if case .double(let score) = value { return "risk \(score)" }
                return nil
            }
            return [line, risk].compactMap { $0 }.joined(separator: " · ")
        case .scanFailed: return data["error"]?.stringValue.map { "Error: \($0)" }
        case .scannerFailed: return data["error"]?.stringValue.map { "`\(data["scanner"]?.stringValue ?? "?")`: \($0)" }
        case .findingsNew:
            guard case .array(let findings)? = data["findings"] else { return nil }
            return findings.prefix(5).compactMap { finding -> String? in
                guard let title = finding["title"]?.stringValue, let severity = finding["severity"]?.stringValue else { return nil }
                return "• [\(severity)] \(title)" + (finding["location"]?.stringValue.map { " (\($0))" } ?? "")
            }.joined(separator: "\n")
        case .webhookTest: return data["message"]?.stringValue
        case .scanCancelled, .batchComplete: return nil
        }
    }
}
