import SecureScanCore

/// How `report.pdf` fits any number of findings into its page budget (`pdf.max_pages`): the pages left
/// after the sections before the findings, less a reserve for those after, go 55 % to findings in detail,
/// 35 % to one-line rows and the rest to one row per rule.
struct PDFFindingBudget {
    struct Counts: Sendable, Hashable {
        var detail = 0
        var rows = 0
        var summarized = 0
    }

    /// Pages kept for the sections after the findings (scanners, components, compliance).
    static let reservedPages = 12

    /// Positions in the report's findings in the order they are offered for detail: open critical and high
    /// first, then everything else, each part in canonical order.
    let order: [Int]
    /// Detail rows stop at this page, one-line rows at the next, rule rows at the last.
    let detailEndPage: Int
    let rowsEndPage: Int
    let summaryEndPage: Int

    init(findings: [Finding], startPage: Int, maxPages: Int) {
        let first = findings.indices.filter { findings[$0].isOpen && findings[$0].severity >= .high }
        let chosen = Set(first)
        order = first + findings.indices.filter { !chosen.contains($0) }
        let available = max(maxPages - startPage - Self.reservedPages, 6)
        detailEndPage = startPage + available * 55 / 100
        rowsEndPage = startPage + available * 90 / 100
        summaryEndPage = startPage + available
    }

    struct RuleGroup {
        var severity: Severity
        var scanner: String
        var rule: String
        var count: Int
        var locations: [String]
    }

    /// Findings per severity, scanner and rule, worst first, then most frequent; three locations each.
    static func byRule(_ findings: [Finding]) -> [RuleGroup] {
        var groups: [RuleGroup] = []
        var index: [String: Int] = [:]
        for finding in findings {
            let key = "\(finding.severity.rawValue)\u{0}\(finding.scanner)\u{0}\(finding.ruleID)"
            if let position = index[key] {
                groups[position].count += 1
                if groups[position].locations.count < 3 { groups[position].locations.append(HTMLReportView.location(finding)) }
            } else {
                index[key] = groups.count
                groups.append(RuleGroup(severity: finding.severity, scanner: finding.scanner, rule: finding.ruleID, count: 1,
                                        locations: [HTMLReportView.location(finding)]))
            }
        }
        return groups.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.count != b.count { return a.count > b.count }
            return (a.rule, a.scanner) < (b.rule, b.scanner)
        }
    }
}
