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
}

extension Sequence where Element == Finding {
    /// Sorted in ``Finding/canonicalOrder(_:_:)``.
    /// Sorts positions and moves each finding once: swapping whole findings during the sort cost more than
    /// comparing them on large runs.
    /// Input already in order (most callers pass a sorted list on) is returned after one linear check.
    public func canonicallySorted() -> [Finding] {
        let findings = Array(self)
        if findings.indices.dropFirst().allSatisfy({ !Finding.canonicalOrder(findings[$0], findings[$0 - 1]) }) { return findings }
        return findings.indices.sorted { Finding.canonicalOrder(findings[$0], findings[$1]) }.map { findings[$0] }
    }
}
