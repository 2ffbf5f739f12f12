import Foundation
import SecureScanCore

/// The findings section of `report.html`, written straight into the sink rather than through Mustache,
/// and bounded so the page opens fast whatever the run's size.
///
/// A run with up to ``detailLimit`` findings lists every one in detail (a `<details>` element). A larger
/// run lists its open critical and high findings in detail first (up to ``detailLimit``), then the rest
/// as one-line rows up to ``rowLimit`` findings in all, then, per severity, one row per rule with its count
/// and first locations; a note says so and points at the artifacts that hold every finding. Mustache
/// spent about 130 µs on each finding (1.3 s at 10,000); this writer about 2 µs (docs/benchmarks.md).
struct HTMLFindingList {
    static let detailLimit = 1_000
    static let rowLimit = 10_000
    /// Findings per block of the page (see ``writeGroup``).
    static let detailsPerBlock = 100
    static let rowsPerBlock = 500

    /// How each finding appears, by its position in the report's canonical order.
    enum Presentation { case detail, row, summarized }

    let findings: [Finding]
    let presentation: [Presentation]

    init(report: RunReport) {
        findings = report.findings
        if findings.count <= Self.detailLimit {
            presentation = Array(repeating: .detail, count: findings.count)
            return
        }
        var presentation = Array(repeating: Presentation.summarized, count: findings.count)
        let detailed = FindingSelection.severeFirst(findings).severe.prefix(Self.detailLimit)
        for index in detailed { presentation[index] = .detail }
        var shown = detailed.count
        for index in presentation.indices where presentation[index] == .summarized && shown < Self.rowLimit {
            presentation[index] = .row
            shown += 1
        }
        self.presentation = presentation
    }

    var detailCount: Int { presentation.lazy.filter { $0 == .detail }.count }
    var rowCount: Int { presentation.lazy.filter { $0 == .row }.count }

    func write(to sink: ArtifactSink) {
        var html = HTMLWriter(sink)
        if findings.isEmpty {
            html.raw("<p>No findings.</p>\n")
            return
        }
        let summarized = findings.count - detailCount - rowCount
        if detailCount < findings.count {
            html.raw("<p class=\"note\">\(findings.count) findings: \(detailCount) in detail (open critical and high first), ")
            html.raw("\(rowCount) as one-line rows\(summarized > 0 ? ", \(summarized) counted by rule" : ""). ")
            html.raw("Every finding, with its full text, is in <code>findings.json</code> and <code>findings.sarif</code>.</p>\n")
        }
        var start = 0
        while start < findings.count {
            let severity = findings[start].severity
            var end = start
            while end < findings.count, findings[end].severity == severity { end += 1 }
            writeGroup(severity, start..<end, to: &html)
            start = end
        }
    }

    private func writeGroup(_ severity: Severity, _ range: Range<Int>, to html: inout HTMLWriter) {
        html.raw("<h3 id=\"severity-\(severity.rawValue)\"><span class=\"sev \(severity.rawValue)\">\(severity.rawValue.capitalized)</span> \(range.count)</h3>\n")
        // Findings go out in blocks the browser lays out only when they scroll into view
        // (`content-visibility: auto`), so the first screen does not wait for thousands of rows.
        let details = Self.exploitedFirst(range.filter { presentation[$0] == .detail }, in: findings)
        for start in stride(from: 0, to: details.count, by: Self.detailsPerBlock) {
            html.raw("<div class=\"block details-block\">\n")
            for index in details[start..<min(start + Self.detailsPerBlock, details.count)] { writeDetail(findings[index], to: &html) }
            html.raw("</div>\n")
        }
        let rows = Self.exploitedFirst(range.filter { presentation[$0] == .row }, in: findings)
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerBlock) {
            html.raw("<div class=\"block rows-block\"><table class=\"rows\"><thead><tr><th>Severity</th><th>Finding</th><th>Location</th><th>Rule</th></tr></thead><tbody>\n")
            for index in rows[start..<min(start + Self.rowsPerBlock, rows.count)] { writeRow(findings[index], to: &html) }
            html.raw("</tbody></table></div>\n")
        }
        let rest = range.filter { presentation[$0] == .summarized }
        if !rest.isEmpty { writeRuleSummary(rest.map { findings[$0] }, to: &html) }
    }

    private func writeDetail(_ finding: Finding, to html: inout HTMLWriter) {
        let item = HTMLReportView.item(finding)
        let suppressed = finding.suppression != nil
        html.raw("<details class=\"finding\(suppressed ? " suppressed" : "")\" id=\"\(item.anchor)\" data-severity=\"\(item.severity)\" data-suppressed=\"\(suppressed ? "1" : "0")\">\n")
        html.raw("<summary><span class=\"sev \(item.severity)\">\(item.severity)</span> <strong>")
        html.text(item.title)
        html.raw("</strong> <span class=\"loc\">")
        html.text(item.location)
        html.raw("</span>")
        if item.hasChange {
            html.raw(" <span class=\"tag \(item.change)\">\(item.change)</span>")
        }
        if suppressed { html.raw(" <span class=\"tag\">suppressed</span>") }
        Self.writeExploitTags(finding, to: &html)
        html.raw("</summary>\n<div class=\"body\">\n<p class=\"muted\">")
        html.text(item.scanner)
        html.raw(" · rule <code>")
        html.text(item.rule)
        html.raw("</code> · <span class=\"loc\">\(item.fingerprint)</span></p>\n")
        if !item.description.isEmpty {
            html.raw("<p class=\"desc\">")
            html.text(item.description)
            html.raw("</p>\n")
        }
        if item.hasEvidence {
            html.raw("<pre>")
            html.text(item.evidence)
            html.raw("</pre>\n")
        }
        if item.hasRemediation {
            html.raw("<p><strong>Remediation:</strong> ")
            html.text(item.remediation)
            html.raw("</p>\n")
        }
        if suppressed {
            html.raw("<p><strong>Triage:</strong> ")
            html.text(item.suppression)
            html.raw("</p>\n")
        }
        if item.hasLinks {
            html.raw("<p class=\"links\">")
            for link in item.links {
                html.raw("<a href=\"")
                html.text(link.url)
                html.raw("\" rel=\"noopener noreferrer\">")
                html.text(link.text)
                html.raw("</a>")
            }
            html.raw("</p>\n")
        }
        html.raw("</div>\n</details>\n")
    }

    private func writeRow(_ finding: Finding, to html: inout HTMLWriter) {
        let severity = finding.severity.rawValue
        let suppressed = finding.suppression != nil
        html.raw("<tr class=\"finding-row\(suppressed ? " suppressed" : "")\" data-severity=\"\(severity)\" data-suppressed=\"\(suppressed ? "1" : "0")\"><td><span class=\"sev \(severity)\">\(severity)</span></td><td>")
        html.text(finding.title)
        if suppressed { html.raw(" <span class=\"tag\">suppressed</span>") }
        Self.writeExploitTags(finding, to: &html)
        html.raw("</td><td class=\"loc\">")
        html.text(HTMLReportView.location(finding))
        html.raw("</td><td><code>")
        html.text(finding.ruleID)
        html.raw("</code></td></tr>\n")
    }

    /// A vulnerability in CISA's Known Exploited Vulnerabilities catalog (its due date, and whether it is
    /// used in ransomware) and its EPSS probability, where the finding carries them.
    static func writeExploitTags(_ finding: Finding, to html: inout HTMLWriter) {
        let properties = finding.properties
        if properties[KnownExploited.property] == "true" {
            html.raw(" <span class=\"tag kev\">known exploited")
            if let due = properties[KnownExploited.dueDateProperty] { html.raw(" · due "); html.text(due) }
            if properties[KnownExploited.ransomwareProperty] == "known" { html.raw(" · ransomware") }
            html.raw("</span>")
        }
        if let probability = properties[ExploitPrediction.property].flatMap(Double.init) {
            html.raw(" <span class=\"tag epss\">EPSS \(String(format: "%.1f", probability * 100)) %</span>")
        }
    }

    /// Within one severity, the findings of known exploited vulnerabilities first, then by EPSS
    /// probability (highest first), the rest in canonical order.
    static func exploitedFirst(_ indices: [Int], in findings: [Finding]) -> [Int] {
        func rank(_ index: Int) -> (Int, Double) {
            let properties = findings[index].properties
            return (properties[KnownExploited.property] == "true" ? 0 : 1, -(properties[ExploitPrediction.property].flatMap(Double.init) ?? 0))
        }
        return indices.enumerated().sorted { lhs, rhs in
            let (a, b) = (rank(lhs.element), rank(rhs.element))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// One row per scanner and rule: how many findings, and where the first few are.
    private func writeRuleSummary(_ findings: [Finding], to html: inout HTMLWriter) {
        html.raw("<p class=\"muted\">\(findings.count) more, counted by rule:</p>\n")
        html.raw("<table class=\"rows\"><thead><tr><th>Rule</th><th>Scanner</th><th class=\"num\">Findings</th><th>First locations</th></tr></thead><tbody>\n")
        for tally in FindingSelection.tallies(findings) {
            html.raw("<tr><td><code>")
            html.text(tally.rule)
            html.raw("</code></td><td>")
            html.text(tally.scanner)
            html.raw("</td><td class=\"num\">\(tally.count)</td><td class=\"loc\">")
            html.text(tally.locations.joined(separator: ", "))
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody></table>\n")
    }
}
