import SecureScanCore

/// How the bounded reports (report.html, report.pdf) choose what to show of a large run: open critical and
/// high findings first, and one row per rule for what does not fit.
enum FindingSelection {
    /// Positions of the open critical and high findings, and of all the others, each in the given order.
    static func severeFirst(_ findings: [Finding]) -> (severe: [Int], rest: [Int]) {
        var severe: [Int] = []
        var rest: [Int] = []
        for (index, finding) in findings.enumerated() {
            if finding.isOpen && finding.severity >= .high { severe.append(index) } else { rest.append(index) }
        }
        return (severe, rest)
    }

    /// Findings of one severity, scanner and rule: how many, and where the first few are.
    struct RuleTally: Sendable, Hashable {
        var severity: Severity
        var scanner: String
        var rule: String
        var count: Int
        var locations: [String]
    }

    /// Locations kept per rule.
    static let locationsPerRule = 3

    /// One tally per severity, scanner and rule: worst first, then most frequent, then by rule and scanner.
    static func tallies(_ findings: some Sequence<Finding>) -> [RuleTally] {
        var tallies: [RuleTally] = []
        var position: [String: Int] = [:]
        for finding in findings {
            let key = "\(finding.severity.rawValue)\u{0}\(finding.scanner)\u{0}\(finding.ruleID)"
            let location = HTMLReportView.location(finding)
            if let index = position[key] {
                tallies[index].count += 1
                if tallies[index].locations.count < locationsPerRule { tallies[index].locations.append(location) }
            } else {
                position[key] = tallies.count
                tallies.append(RuleTally(severity: finding.severity, scanner: finding.scanner, rule: finding.ruleID, count: 1,
                                         locations: [location]))
            }
        }
        return tallies.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.count != b.count { return a.count > b.count }
            return (a.rule, a.scanner) < (b.rule, b.scanner)
        }
    }
}
