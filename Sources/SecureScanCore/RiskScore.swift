#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 0–100 risk score: `min(100, 20·ln(1+Σw))` over open findings, with the weights of ``Severity/riskWeight``.
///
/// Same formula as the reference system, so scores are comparable; unlike it, suppressed findings
/// do not count and a scanner failure is never a pseudo-finding.
public enum RiskScore {
    public static func of(_ findings: some Sequence<Finding>) -> Double {
        let raw = findings.lazy.filter(\.isOpen).reduce(0.0) { $0 + $1.severity.riskWeight }
        guard raw > 0 else { return 0 }
        let score = min(100, 20 * log(1 + raw))
        return (score * 10).rounded() / 10
    }

    /// The band a score falls in, for headlines.
    public static func band(_ score: Double) -> Severity {
        switch score {
        case 70...: .critical
        case 50..<70: .high
        case 25..<50: .medium
        case 1..<25: .low
        default: .info
        }
    }
}
