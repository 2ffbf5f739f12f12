/// The events a webhook can subscribe to.
public enum WebhookEvent: String, Sendable, Hashable, Codable, CaseIterable {
    case scanComplete = "scan.complete"
    case scanFailed = "scan.failed"
    case scanCancelled = "scan.cancelled"
    case scannerFailed = "scanner.failed"
    case findingsNew = "findings.new"
    /// A batch finished (`securescan batch`): counts per outcome, gates failed, new findings.
    case batchComplete = "batch.complete"
    /// Only sent by `POST /webhooks/{id}/test`, whatever the filter says.
    case webhookTest = "webhook.test"

    /// The webhook event a scan event is delivered as, if it is delivered at all.
    public init?(_ name: ScanEvent.Name) {
        self.init(rawValue: name.rawValue)
    }
}
