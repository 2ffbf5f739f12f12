import Testing
import TestSupport
@testable import SecureScanCore

/// new / unchanged / reopened / fixed / not reassessed.
@Suite struct RunDiffTests {
    let a = Finding.sample(rule: "secrets/a", path: "a.py", identity: .secret(valueDigest: "1"))
    let b = Finding.sample(rule: "secrets/b", path: "b.py", identity: .secret(valueDigest: "2"))
    let c = Finding.sample(scanner: "dockerfile", rule: "dockerfile/x", path: "Dockerfile", identity: .iac(resource: "r"))

    @Test func theFirstRunIsAllNew() {
        let diff = RunDiff(current: [a, b], previous: [], seenBefore: [], completedScanners: ["secrets"])
        #expect(diff.counts == RunDiff.Counts(new: 2))
        #expect(diff.current.allSatisfy { $0.change == .new })
    }

    @Test func anUnchangedTreeIsAllUnchanged() {
        let diff = RunDiff(current: [a, b], previous: [a, b], seenBefore: [a.fingerprint, b.fingerprint], completedScanners: ["secrets"])
        #expect(diff.counts == RunDiff.Counts(unchanged: 2))
    }

    @Test func aFindingThatDisappearsIsFixedWhenItsScannerCompleted() {
        let diff = RunDiff(current: [a], previous: [a, b], seenBefore: [a.fingerprint, b.fingerprint], completedScanners: ["secrets"])
        #expect(diff.fixed.map(\.fingerprint) == [b.fingerprint])
        #expect(diff.fixed.first?.change == .fixed)
    }

    @Test func aFindingWhoseScannerDidNotCompleteIsNotReassessedNotFixed() {
        let diff = RunDiff(current: [a], previous: [a, c], seenBefore: [a.fingerprint, c.fingerprint], completedScanners: ["secrets"])
        #expect(diff.fixed.isEmpty)
        #expect(diff.notReassessed.map(\.fingerprint) == [c.fingerprint])
    }

    @Test func aFindingThatComesBackIsReopened() {
        let diff = RunDiff(current: [a, b], previous: [a], seenBefore: [a.fingerprint, b.fingerprint], completedScanners: ["secrets"])
        #expect(diff.reopened.map(\.fingerprint) == [b.fingerprint])
        #expect(diff.new.isEmpty)
    }

    @Test func aFindingReportedByTwoScannersIsFixedOnlyWhenBothCompleted() {
        var merged = a
        merged.reportedBy = ["gitleaks", "secrets"]
        let partial = RunDiff(current: [], previous: [merged], seenBefore: [merged.fingerprint], completedScanners: ["secrets"])
        #expect(partial.notReassessed.count == 1)
        let full = RunDiff(current: [], previous: [merged], seenBefore: [merged.fingerprint], completedScanners: ["secrets", "gitleaks"])
        #expect(full.fixed.count == 1)
    }

    @Test func bucketsAreInCanonicalOrder() {
        let low = Finding.sample(rule: "r/low", severity: .low, path: "a", identity: .secret(valueDigest: "l"))
        let critical = Finding.sample(rule: "r/crit", severity: .critical, path: "z", identity: .secret(valueDigest: "c"))
        let diff = RunDiff(current: [low, critical], previous: [], seenBefore: [], completedScanners: [])
        #expect(diff.new.map(\.severity) == [.critical, .low])
    }
}
