/// How bad a finding is, on the five-step scale every scanner's own scale is normalized to.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    /// Worst first: the order reports list severities in.
    public static let descending: [Severity] = [.critical, .high, .medium, .low, .info]

    /// 0 for info up to 4 for critical.
    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    /// The weight of one finding of this severity in the risk score.
    public var riskWeight: Double {
        switch self {
        case .info: 0.2
        case .low: 1
        case .medium: 3
        case .high: 8
        case .critical: 15
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Accepts the spelling users and tools write: any case, plus `moderate` for medium.
    public init?(label: String) {
        let lowered = label.lowercased()
        if let value = Severity(rawValue: lowered) {
            self = value
        } else if lowered == "moderate" {
            self = .medium
        } else {
            return nil
        }
    }
}
