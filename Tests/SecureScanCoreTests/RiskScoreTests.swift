import Testing
import TestSupport
@testable import SecureScanCore

/// `min(100, 20·ln(1+Σw))`, the reference system's worked values.
@Suite struct RiskScoreTests {
    static func findings(_ severities: [Severity]) -> [Finding] {
        severities.enumerated().map { index, severity in
            Finding.sample(severity: severity, identity: .secret(valueDigest: "\(index)"))
        }
    }

    @Test(arguments: [
        ([Severity](), 0.0), ([.info], 3.6), ([.low], 13.9), ([.medium], 27.7), ([.high], 43.9), ([.critical], 55.5),
        ([.critical, .medium, .medium, .low], 62.7), (Array(repeating: Severity.critical, count: 10), 100.0),
    ])
    func matchesTheReferenceFormula(severities: [Severity], expected: Double) {
        #expect(RiskScore.of(Self.findings(severities)) == expected)
    }

    @Test func suppressedFindingsDoNotCount() {
        var findings = Self.findings([.critical, .low])
        findings[0].suppression = Suppression(source: .config, reason: "accepted")
        #expect(RiskScore.of(findings) == 13.9)
    }
}
