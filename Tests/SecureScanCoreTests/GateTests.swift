import Testing
import TestSupport
@testable import SecureScanCore

/// Exit codes 0 / 1 / 3 and the reasons given.
@Suite struct GateTests {
    func finding(_ severity: Severity, _ change: DiffStatus, suppressed: Bool = false) -> Finding {
        var finding = Finding.sample(severity: severity, identity: .secret(valueDigest: "\(severity)\(change)\(suppressed)"))
        finding.change = change
        if suppressed { finding.suppression = Suppression(source: .config, reason: "r") }
        return finding
    }

    @Test func passesWithoutPolicy() {
        let result = Gate.evaluate(policy: GatePolicy(), findings: [finding(.critical, .new)], scannerRuns: [])
        #expect(result == GateResult(passed: true, exitCode: 0, reasons: []))
    }

    @Test func failOnCountsOpenFindingsAtOrAbove() {
        let result = Gate.evaluate(policy: GatePolicy(failOn: .high), findings: [finding(.high, .unchanged), finding(.medium, .new)], scannerRuns: [])
        #expect(result.exitCode == 1)
        #expect(result.reasons == ["1 open finding at or above high"])
    }

    @Test func failOnNewIgnoresUnchangedFindings() {
        let policy = GatePolicy(failOnNew: .medium)
        #expect(Gate.evaluate(policy: policy, findings: [finding(.critical, .unchanged)], scannerRuns: []).passed)
        #expect(!Gate.evaluate(policy: policy, findings: [finding(.medium, .reopened)], scannerRuns: []).passed)
    }

    @Test func maxFindingsIsAStrictLimit() {
        let findings = [finding(.low, .new), finding(.info, .new)]
        #expect(Gate.evaluate(policy: GatePolicy(maxFindings: 2), findings: findings, scannerRuns: []).passed)
        #expect(!Gate.evaluate(policy: GatePolicy(maxFindings: 1), findings: findings, scannerRuns: []).passed)
    }

    @Test func suppressedFindingsNeverCount() {
        let result = Gate.evaluate(policy: GatePolicy(failOn: .low, maxFindings: 0), findings: [finding(.critical, .new, suppressed: true)], scannerRuns: [])
        #expect(result.passed)
    }

    @Test func aScannerErrorExitsThreeOnlyWhenAskedFor() {
        let runs = [ScannerRun(scanner: "x", scanType: .code, status: .timedOut)]
        #expect(Gate.evaluate(policy: GatePolicy(), findings: [], scannerRuns: runs).passed)
        let result = Gate.evaluate(policy: GatePolicy(failOn: .low, failOnScannerError: true), findings: [finding(.high, .new)], scannerRuns: runs)
        #expect(result.exitCode == 3)
        #expect(result.reasons == ["1 open finding at or above low", "scanner x timed out"])
    }

    @Test func commandLineFlagsOverrideTheConfig() {
        let config = GatePolicy(failOn: .critical, maxFindings: 10)
        let merged = config.overridden(by: GatePolicy(failOn: .high))
        #expect(merged.failOn == .high)
        #expect(merged.maxFindings == 10)
    }
}
