extension Finding {
    /// The canonical order of every output: worst first, then path, line, column, rule, title, and
    /// fingerprint last so the order is total and never depends on how scanners were scheduled.
    public static func canonicalOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        let lPath = lhs.location?.path ?? "", rPath = rhs.location?.path ?? ""
        if lPath != rPath { return lPath < rPath }
        let lLine = lhs.location?.startLine ?? 0, rLine = rhs.location?.startLine ?? 0
        if lLine != rLine { return lLine < rLine }
        let lColumn = lhs.location?.startColumn ?? 0, rColumn = rhs.location?.startColumn ?? 0
        if lColumn != rColumn { return lColumn < rColumn }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        if lhs.title != rhs.title { return lhs.title < rhs.title }
        return lhs.fingerprint < rhs.fingerprint
    }

    /// Two lists, each in canonical order, merged into one in canonical order (ties keep `first`'s
    /// finding first). Either list empty returns the other as it is.
    public static func canonicallyMerged(_ first: [Finding], _ second: [Finding]) -> [Finding] {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        var merged: [Finding] = []
        merged.reserveCapacity(first.count + second.count)
        var i = first.startIndex, j = second.startIndex
        while i < first.endIndex, j < second.endIndex {
            if canonicalOrder(second[j], first[i]) {
                merged.append(second[j])
                j += 1
            } else {
                merged.append(first[i])
                i += 1
            }
        }
        merged += first[i...]
        merged += second[j...]
        return merged
    }
}

extension Sequence where Element == Finding {
    /// Sorted in ``Finding/canonicalOrder(_:_:)``.
    /// Sorts positions and moves each finding once: swapping whole findings during the sort cost more than
    /// comparing them on large runs.
    /// Input already in order (most callers pass a sorted list on) is returned after one linear check.
    /// The leading fields (severity, path, line, column) are read out of each finding once, into a
    /// ``CanonicalKey``, and compared there; the full order decides only between equal keys. Reading them
    /// through each finding's storage at every comparison was most of sorting 100,000 findings.
    public func canonicallySorted() -> [Finding] {
        let findings = Array(self)
        if findings.indices.dropFirst().allSatisfy({ !Finding.canonicalOrder(findings[$0], findings[$0 - 1]) }) { return findings }
        let keys = findings.map(CanonicalKey.init)
        return keys.withUnsafeBufferPointer { keys in
            findings.indices.sorted { lhs, rhs in
                switch keys[lhs].compare(keys[rhs]) {
                case .before: true
                case .after: false
                case .tied: Finding.canonicalOrder(findings[lhs], findings[rhs])
                }
            }
        }.map { findings[$0] }
    }
}

/// The first fields of ``Finding/canonicalOrder(_:_:)``, held apart from the finding for sorting.
struct CanonicalKey {
    enum Order { case before, after, tied }

    let severity: Int
    let path: String
    let line: Int
    let column: Int

    init(_ finding: Finding) {
        let location = finding.location
        severity = finding.severity.rank
        path = location?.path ?? ""
        line = location?.startLine ?? 0
        column = location?.startColumn ?? 0
    }

    /// Where `self` goes relative to `other` by these fields alone, as ``Finding/canonicalOrder(_:_:)`` orders them.
    func compare(_ other: CanonicalKey) -> Order {
        if severity != other.severity { return severity > other.severity ? .before : .after }
        if path != other.path { return path < other.path ? .before : .after }
        if line != other.line { return line < other.line ? .before : .after }
        if column != other.column { return column < other.column ? .before : .after }
        return .tied
    }
}
