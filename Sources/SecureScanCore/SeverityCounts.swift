/// Findings per severity, plus the total.
public struct SeverityCounts: Sendable, Hashable, Codable {
    public var critical = 0
    public var high = 0
    public var medium = 0
    public var low = 0
    public var info = 0

    public init() {}

    public init(_ findings: some Sequence<Finding>) {
        for finding in findings { add(finding.severity) }
    }

    public var total: Int { critical + high + medium + low + info }

    public mutating func add(_ severity: Severity) {
        switch severity {
        case .critical: critical += 1
        case .high: high += 1
        case .medium: medium += 1
        case .low: low += 1
        case .info: info += 1
        }
    }

    public subscript(severity: Severity) -> Int {
        switch severity {
        case .critical: critical
        case .high: high
        case .medium: medium
        case .low: low
        case .info: info
        }
    }

    /// Count of findings at or above `threshold`.
    public func atOrAbove(_ threshold: Severity) -> Int {
        Severity.allCases.filter { $0 >= threshold }.reduce(0) { $0 + self[$1] }
    }

    private enum CodingKeys: String, CodingKey { case critical, high, medium, low, info, total }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        critical = try container.decode(Int.self, forKey: .critical)
        high = try container.decode(Int.self, forKey: .high)
        medium = try container.decode(Int.self, forKey: .medium)
        low = try container.decode(Int.self, forKey: .low)
        info = try container.decode(Int.self, forKey: .info)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(critical, forKey: .critical)
        try container.encode(high, forKey: .high)
        try container.encode(medium, forKey: .medium)
        try container.encode(low, forKey: .low)
        try container.encode(info, forKey: .info)
        try container.encode(total, forKey: .total)
    }
}
