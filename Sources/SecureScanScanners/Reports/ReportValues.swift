import SecureScanCore

/// Normalizations every report needs: CWE ids, advisory aliases, and tools' severity words.
enum ReportValues {
    /// `CWE-89`, from `CWE-89: Improper Neutralization…`, `cwe-89`, `89` or `CWE89`; nil when it is none.
    static func cwe(_ raw: String) -> String? {
        var text = Substring(raw.trimmingWhitespace())
        if text.uppercased().hasPrefix("CWE") {
            text = text.dropFirst(3)
            if text.first == "-" || text.first == ":" || text.first == "_" || text.first == " " { text = text.dropFirst() }
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits), number > 0 else { return nil }
        return "CWE-\(number)"
    }

    /// Every CWE id in a list of strings, once each, sorted.
    static func cwes(_ raws: [String]) -> [String] { Array(Set(raws.compactMap(cwe))).sorted() }

    /// CVE, GHSA and similar ids among `values`, as written (CVE and GHSA upper-cased), once each.
    static func advisoryIDs(_ values: [String]) -> [String] {
        var ids: [String] = []
        for value in values {
            let trimmed = value.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            let upper = trimmed.uppercased()
            let id = upper.hasPrefix("CVE-") || upper.hasPrefix("GHSA-") ? (upper.hasPrefix("GHSA-") ? "GHSA-" + trimmed.dropFirst(5).lowercased() : upper) : trimmed
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// The five-step severity for the words tools use; nil for words that mean nothing (`UNKNOWN`).
    static func severity(_ label: String?) -> Severity? {
        guard let label else { return nil }
        let lowered = label.trimmingWhitespace().lowercased()
        if let direct = Severity(label: lowered) { return direct }
        switch lowered {
        case "error", "danger", "severe", "important": return .high
        case "warning", "warn", "med": return .medium
        case "note", "minor", "negligible", "style", "informational", "information", "none": return lowered == "minor" ? .low : .info
        case "blocker": return .critical
        case "major": return .high
        default: return nil
        }
    }

    /// A CVSS base score's qualitative rating (CVSS v3.1 section 5).
    static func severity(score: Double) -> Severity {
        switch score {
        case 9.0...: .critical
        case 7.0..<9.0: .high
        case 4.0..<7.0: .medium
        case 0.1..<4.0: .low
        default: .info
        }
    }

    /// A one-line title from a message: its first line, cut at a word before `limit` characters.
    static func title(_ text: String, limit: Int = 120) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map { $0.trimmingWhitespace() } ?? ""
        guard line.count > limit else { return line }
        let cut = line.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingWhitespace() + "…"
    }

    /// The first `count` lines of a text, for descriptions that quote whole files.
    static func head(_ text: String, lines count: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count <= count ? text : lines.prefix(count).joined(separator: "\n") + "\n…"
    }
}
