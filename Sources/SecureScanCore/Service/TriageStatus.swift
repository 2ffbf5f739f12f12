/// A person's verdict on a finding. `open` is the state of a finding nobody has triaged.
///
/// The reference system's names `new` and `triaged` are read as `open` and `confirmed`.
public enum TriageStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case confirmed
    case falsePositive = "false_positive"
    case acceptedRisk = "accepted_risk"
    case wontFix = "wont_fix"
    case fixed
    /// The vulnerable code is not there or cannot be reached: takes one of OpenVEX's five justifications,
    /// and is written to `vex.openvex.json` as a `not_affected` statement.
    case notAffected = "not_affected"

    /// Accepts the canonical names and the reference system's `new` and `triaged`.
    public init?(label: String) {
        switch label.lowercased() {
        case "new": self = .open
        case "triaged": self = .confirmed
        default:
            guard let value = TriageStatus(rawValue: label.lowercased()) else { return nil }
            self = value
        }
    }

    /// Every spelling `init(label:)` accepts.
    public static var accepted: [String] { allCases.map(\.rawValue) + ["new", "triaged"] }

    /// Verdicts that take a finding out of the gate and the open counts (kept, marked `triage`).
    /// An `accepted_risk` verdict does so only until its expiry date.
    public func suppresses(expires: String?, today: String) -> Bool {
        switch self {
        case .falsePositive, .wontFix, .notAffected: true
        case .acceptedRisk: (expires ?? "9999-12-31") >= today
        case .open, .confirmed, .fixed: false
        }
    }
}

/// The current verdict on one fingerprint.
public struct TriageVerdict: Sendable, Hashable, Codable {
    public var fingerprint: Fingerprint
    public var status: TriageStatus
    public var note: String?
    /// `YYYY-MM-DD`: an `accepted_risk` verdict stops applying after this day.
    public var expires: String?
    public var updatedAt: String
    /// The API key id (or `cli:<user>`) that set it.
    public var updatedBy: String?
    /// Why a `not_affected` finding is not (required for that status, absent for the others).
    public var justification: VEXJustification?

    public init(fingerprint: Fingerprint, status: TriageStatus, note: String? = nil, expires: String? = nil, updatedAt: String, updatedBy: String? = nil,
                justification: VEXJustification? = nil) {
        self.fingerprint = fingerprint
        self.status = status
        self.note = note
        self.expires = expires
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.justification = justification
    }
}
