import SecureScanCore

/// A finding's compliance tags, `<framework>:<control>` (`owasp-top10-2021:A07`), from the same mapping
/// the coverage files use (CWE and scanner rule, no keywords).
enum ComplianceTags {
    static func of(_ finding: Finding) -> [String] {
        var tags: [String] = []
        for framework in ComplianceFramework.all {
            for control in framework.controls where control.concerns(finding) { tags.append("\(framework.id):\(control.id)") }
        }
        return tags
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
