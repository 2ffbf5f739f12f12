import Testing
import TestSupport
@testable import SecureScanCore

/// Severity overrides and config suppressions: findings are kept and marked, never dropped.
@Suite struct PolicyTests {
    let finding = Finding.sample(rule: "dockerfile/no-healthcheck", severity: .low, path: "svc/Dockerfile", identity: .iac(resource: "HEALTHCHECK"))

    @Test func overridesChangeSeverityAndKeepTheOriginal() {
        let result = FindingPolicy(severityOverrides: ["dockerfile/no-healthcheck": .info]).apply(to: [finding], today: "2026-11-29")
        #expect(result[0].severity == .info)
        #expect(result[0].originalSeverity == .low)
    }

    @Test func suppressionsMatchRuleAndPathAndKeepTheFinding() throws {
        let rule = SuppressionRule(rule: "dockerfile/no-healthcheck", path: try PathPattern("svc/**"), reason: "batch job, no server")
        let result = FindingPolicy(suppressions: [rule]).apply(to: [finding], today: "2026-11-29")
        #expect(result.count == 1)
        #expect(result[0].suppression == Suppression(source: .config, reason: "batch job, no server"))
        #expect(!result[0].isOpen)
    }

    @Test func anExpiredSuppressionNoLongerApplies() {
        let rule = SuppressionRule(rule: "dockerfile/no-healthcheck", reason: "until the migration", expires: "2026-11-28")
        let policy = FindingPolicy(suppressions: [rule])
        #expect(policy.apply(to: [finding], today: "2026-11-29")[0].isOpen)
        #expect(!policy.apply(to: [finding], today: "2026-11-28")[0].isOpen)
        #expect(policy.expiredSuppressions(today: "2026-11-29").count == 1)
    }

    @Test func aFingerprintSuppressionCoversOnlyThatFinding() {
        let rule = SuppressionRule(fingerprint: finding.fingerprint.rawValue, reason: "false positive")
        let other = Finding.sample(rule: "dockerfile/no-healthcheck", path: "other/Dockerfile", identity: .iac(resource: "HEALTHCHECK"))
        let result = FindingPolicy(suppressions: [rule]).apply(to: [finding, other], today: "2026-11-29")
        #expect(!result[0].isOpen)
        #expect(result[1].isOpen)
    }

    @Test func duplicatesAcrossScannersMergeAndKeepTheWorstSeverity() {
        let mild = Finding.sample(scanner: "gitleaks", severity: .medium, identity: .secret(valueDigest: "x"))
        var severe = mild
        severe.scanner = "secrets"
        severe.reportedBy = ["secrets"]
        severe.severity = .critical
        let merged = FindingMerge.deduplicated([mild, severe])
        #expect(merged.count == 1)
        #expect(merged[0].severity == .critical)
        #expect(merged[0].reportedBy == ["gitleaks", "secrets"])
    }
}
