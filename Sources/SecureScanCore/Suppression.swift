/// Why a finding is kept but does not count: which mechanism suppressed it, and the stated reason.
public struct Suppression: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case inline
        case config
        case baseline
        case triage
    }

    public var source: Source
    public var reason: String
    /// ISO-8601 date after which the suppression no longer applies, when it has one.
    public var expires: String?

    public init(source: Source, reason: String, expires: String? = nil) {
        self.source = source
        self.reason = reason
        self.expires = expires
    }
}
