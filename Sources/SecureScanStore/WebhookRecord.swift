import SecureScanCore

/// A webhook as the API shows it: the secret is never part of it.
public struct WebhookRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    public var url: String
    public var eventFilter: [WebhookEvent]
    public var enabled: Bool
    public var createdAt: String
    public var updatedAt: String
}

/// One attempt-tracked delivery of one event to one webhook.
public struct WebhookDelivery: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case pending
        case delivering
        case succeeded
        case failed
    }

    public var id: String
    public var webhookID: String
    public var event: String
    public var status: Status
    public var attempt: Int
    public var nextAttemptAt: String
    public var createdAt: String
    public var updatedAt: String
    public var responseCode: Int?
    /// At most 2,000 characters of the receiver's answer.
    public var responseBody: String?
    /// Why the last attempt failed, when it did.
    public var error: String?
    /// The stored payload (not exposed by the API).
    public var payload: JSONValue
}
