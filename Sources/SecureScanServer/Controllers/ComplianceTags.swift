import SecureScanCore

/// A finding's compliance tags, `<framework>:<control>` (`owasp-top10-2021:A07`), from the same mapping
/// the coverage files use (CWE and scanner rule, no keywords).
enum ComplianceTags {
    static func of(_ finding: Finding) -> [String] { ComplianceFramework.tags(of: finding) }

    /// Tags memoized by what decides them (scanner, rule, CWEs): a run's findings share few rules.
    final class Memo {
        private var tags: [String: [String]] = [:]

        func of(_ finding: Finding) -> [String] {
            let key = finding.scanner + "\u{0}" + finding.ruleID + "\u{0}" + finding.cwes.joined(separator: ",")
            if let known = tags[key] { return known }
            let computed = ComplianceTags.of(finding)
            tags[key] = computed
            return computed
        }
    }

    /// Whether `tags` match a `?compliance=` value: a whole tag, a framework id, or a control id.
    static func matches(_ tags: [String], _ wanted: String) -> Bool {
        let wanted = wanted.lowercased()
        return tags.contains { tag in
            let lowered = tag.lowercased()
            if lowered == wanted { return true }
            let parts = lowered.split(separator: ":", maxSplits: 1)
            return parts.first.map(String.init) == wanted || parts.last.map(String.init) == wanted
        }
    }
}
