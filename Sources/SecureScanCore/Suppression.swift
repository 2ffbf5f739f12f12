/// Why a finding is kept but does not count: which mechanism suppressed it, and the stated reason.
public struct Suppression: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case inline
        case config
        case baseline
        case triage
        /// A VEX document given to the run (`--vex`, config `vex:`) says the product is not affected or fixed.
        case vex
    }

    public var source: Source
    public var reason: String
    /// ISO-8601 date after which the suppression no longer applies, when it has one.
    public var expires: String?
    /// For a vulnerability found not to affect the product (triage `not_affected`, a VEX statement): why.
    public var justification: VEXJustification?

    public init(source: Source, reason: String, expires: String? = nil, justification: VEXJustification? = nil) {
        self.source = source
        self.reason = reason
        self.expires = expires
        self.justification = justification
    }
}
