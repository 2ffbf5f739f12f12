/// A CVSS base score computed from a vector string (v3.0, v3.1 or v4.0).
public struct CVSSScore: Sendable, Hashable {
    public enum Version: String, Sendable, Hashable {
        case v3_0 = "3.0"
        case v3_1 = "3.1"
        case v4_0 = "4.0"
    }

    public let vector: String
    public let version: Version
    /// 0.0 … 10.0, one decimal.
    public let score: Double

    /// Parses and scores `vector`; nil when it is not a complete, valid v3.x or v4.0 vector.
    public init?(vector: String) {
        let text = vector.trimmingSpaces
        if text.hasPrefix("CVSS:3.0/") || text.hasPrefix("CVSS:3.1/") {
            guard let score = CVSS3.score(text) else { return nil }
            self.version = text.hasPrefix("CVSS:3.0/") ? .v3_0 : .v3_1
            self.score = score
        } else if text.hasPrefix("CVSS:4.0/") {
            guard let score = CVSS4.score(text) else { return nil }
            self.version = .v4_0
            self.score = score
        } else {
            return nil
        }
        self.vector = text
    }

    /// The qualitative rating (CVSS v3.1 and v4.0 specifications, §5 / §6): None is reported as info.
    public var severity: Severity {
        switch score {
        case 9.0...: .critical
        case 7.0..<9.0: .high
        case 4.0..<7.0: .medium
        case 0.1..<4.0: .low
        default: .info
        }
    }

    /// `metric → value` pairs of a vector after its `CVSS:x.y/` prefix; nil on a repeated or malformed metric.
    static func metrics(_ vector: String) -> [String: String]? {
        var metrics: [String: String] = [:]
        for part in vector.split(separator: "/").dropFirst() {
            let pair = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty, metrics[String(pair[0])] == nil else { return nil }
            metrics[String(pair[0])] = String(pair[1])
        }
        return metrics
    }
}
