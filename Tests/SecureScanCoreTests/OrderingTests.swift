import Testing
import TestSupport
@testable import SecureScanCore

/// The canonical order every output uses, and the keyed sort that puts large runs in it.
@Suite struct OrderingTests {
    /// Findings that tie on severity, path, line and column (and some that tie on everything but the
    /// fingerprint), in a scrambled order: the keyed sort gives exactly what sorting by the full order gives.
    @Test func theKeyedSortIsTheCanonicalOrder() {
        var findings: [Finding] = []
        for index in 0..<600 {
            let severity = Severity.descending[index % 5]
            let path = ["b.py", "a.py", "dir/é.py", "dir/e\u{301}x.py", ""][index % 4 == 0 ? 4 : index % 3]
            findings.append(Finding.sample(rule: "rule-\(index % 7)", severity: severity, path: path, line: index % 11,
                                           identity: .secret(valueDigest: "d\(index)"), title: "t\(index % 2)"))
        }
        var generator = SeededGenerator(state: 42)
        findings.shuffle(using: &generator)
        let expected = findings.sorted(by: Finding.canonicalOrder)
        #expect(findings.canonicallySorted().map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(expected.canonicallySorted().map(\.fingerprint) == expected.map(\.fingerprint))
    }

    /// Two lists in canonical order merge into the canonical order of both; an empty side returns the other.
    @Test func mergingTwoOrderedListsIsTheCanonicalOrder() {
        var findings: [Finding] = []
        for index in 0..<300 {
            findings.append(Finding.sample(rule: "rule-\(index % 5)", severity: Severity.descending[index % 5], path: ["b.py", "a.py", ""][index % 3],
                                           line: index % 13, identity: .secret(valueDigest: "m\(index)")))
        }
        let expected = findings.sorted(by: Finding.canonicalOrder)
        let first = findings.enumerated().filter { $0.offset % 3 == 0 }.map(\.element).sorted(by: Finding.canonicalOrder)
        let second = findings.enumerated().filter { $0.offset % 3 != 0 }.map(\.element).sorted(by: Finding.canonicalOrder)
        #expect(Finding.canonicallyMerged(first, second).map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(Finding.canonicallyMerged(second, first).map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(Finding.canonicallyMerged([], second).map(\.fingerprint) == second.map(\.fingerprint))
        #expect(Finding.canonicallyMerged(first, []).map(\.fingerprint) == first.map(\.fingerprint))
    }
}
