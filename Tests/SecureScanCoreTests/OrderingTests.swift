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
}
