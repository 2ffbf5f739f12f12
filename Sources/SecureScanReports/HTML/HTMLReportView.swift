import Foundation
import Mustache
import SecureScanCore

/// What `report.html.mustache` reads: plain values, already ordered; text is escaped by the template.
struct HTMLReportView {
    struct Count {
        let severity: String
        let label: String
        let count: Int
    }

    struct Link {
        let text: String
        let url: String
    }

    struct FindingItem {
        let anchor: String
        let severity: String
        let title: String
        let scanner: String
        let rule: String
        let location: String
        let change: String
        let hasChange: Bool
        let description: String
        let evidence: String
        let hasEvidence: Bool
        let remediation: String
        let hasRemediation: Bool
        let links: [Link]
        let hasLinks: Bool
        let suppressed: Bool
        let suppression: String
        let fingerprint: String
    }

    struct ChangeItem {
        let severity: String
        let title: String
        let location: String
    }

    struct ChangeGroup {
        let name: String
        let count: Int
        let items: [ChangeItem]
        let hasItems: Bool
        let more: Int
        let hasMore: Bool
    }

    struct ScannerRow {
        let id: String
        let status: String
        let statusClass: String
        let version: String
        let findings: Int
        let detail: String
    }

    struct NameCount {
        let name: String
        let count: Int
    }

    struct VulnerablePackage {
        let package: String
        let version: String
        let advisories: String
        let severity: String
        let fix: String
    }

    struct ControlRow {
        let id: String
        let name: String
        let status: String
        let statusLabel: String
        let findings: Int
        let assessedBy: String
    }

    struct FrameworkBlock {
        let anchor: String
        let title: String
        let findings: Int
        let clear: Int
        let notAssessed: Int
        let controls: [ControlRow]
    }

    /// At most this many findings are listed in each "what changed" group; the full lists are below.
    static let changeListLimit = 25

    let target: String
    let runID: String
    let startedAt: String
    let finishedAt: String
    let commit: String
    let hasCommit: Bool
    let branch: String
    let toolName: String
    let toolVersion: String
    let passed: Bool
    let gateReasons: [String]
    let riskScore: String
    let riskBand: String
    let counts: [Count]
    let total: Int
    let suppressedCount: Int
    /// `inline 3, config 1`.
    let suppressedBy: String
    let hasSuppressed: Bool
    let severityChart: String
    let scannerChart: String
    let trendChart: String
    let hasTrend: Bool
    let firstRun: Bool
    let baseRunID: String
    let changes: [ChangeGroup]
    /// Where ``HTMLFindingList`` goes: the template places this text, the renderer splices the list in.
    let findingList: String
    let scanners: [ScannerRow]
    /// What the walk of the target left out, and why.
    let walkNotes: [String]
    let hasWalkNotes: Bool
    let componentCount: Int
    let hasComponents: Bool
    let ecosystems: [NameCount]
    let licenses: [NameCount]
    let vulnerable: [VulnerablePackage]
    let hasVulnerable: Bool
    let frameworks: [FrameworkBlock]
    let advisoryDatabase: String
    let hasAdvisoryDatabase: Bool
    let configDigest: String

    init(report: RunReport, history: [RunTrendPoint], compliance: ComplianceCoverage, findingList: String) {
        self.findingList = findingList
        target = report.target.name
        runID = report.runID
        startedAt = report.startedAt
        finishedAt = report.finishedAt
        commit = report.target.commit ?? ""
        hasCommit = report.target.commit != nil
        branch = report.target.branch ?? ""
        toolName = report.tool.name
        toolVersion = report.tool.version
        passed = report.gate.passed
        gateReasons = report.gate.reasons
        riskScore = SVGChart.number(report.riskScore)
        riskBand = RiskScore.band(report.riskScore).rawValue
        let open = report.openFindings
        let severityCounts = report.counts
        counts = Severity.descending.map { Count(severity: $0.rawValue, label: $0.rawValue.capitalized, count: severityCounts[$0]) }
        total = severityCounts.total
        suppressedCount = report.findings.count - open.count
        suppressedBy = report.suppressionBreakdown
        hasSuppressed = suppressedCount > 0
        severityChart = SVGChart.bars(
            Severity.descending.map { SVGChart.Bar(label: $0.rawValue.capitalized, value: severityCounts[$0], color: SVGChart.severityColors[$0]!) },
            title: "Open findings by severity")
        let byScanner = Dictionary(grouping: open, by: \.scanner).mapValues(\.count)
        scannerChart = SVGChart.bars(
            report.scannerRuns.map(\.scanner).sorted().map { SVGChart.Bar(label: $0, value: byScanner[$0] ?? 0, color: "#334155") },
            title: "Open findings by scanner")
        let points = history.filter { $0.runID != report.runID }
            + [RunTrendPoint(runID: report.runID, finishedAt: report.finishedAt, counts: severityCounts, riskScore: report.riskScore)]
        trendChart = SVGChart.trend(points)
        hasTrend = points.count > 1
        firstRun = report.baseRunID == nil
        baseRunID = report.baseRunID ?? ""
        let diff = report.diff
        changes = [
            ("New", open.filter { $0.change == .new }), ("Reopened", open.filter { $0.change == .reopened }),
            ("Fixed", diff.fixed), ("Not reassessed", diff.notReassessed),
        ].map { name, findings in
            let items = findings.prefix(Self.changeListLimit).map { finding in
                ChangeItem(severity: finding.severity.rawValue, title: finding.title, location: Self.location(finding))
            }
            return ChangeGroup(name: name, count: findings.count, items: Array(items), hasItems: !items.isEmpty,
                               more: max(0, findings.count - Self.changeListLimit), hasMore: findings.count > Self.changeListLimit)
        }
        walkNotes = report.notes
        hasWalkNotes = !report.notes.isEmpty
        scanners = report.scannerRuns.sorted { $0.scanner < $1.scanner }.map { run in
            ScannerRow(
                id: run.scanner, status: run.status.rawValue.replacingOccurrences(of: "_", with: " "),
                statusClass: run.status.rawValue, version: run.version ?? "–", findings: run.findingCount,
                detail: ([run.reason, run.error, run.installHint.map { "install: \($0)" }].compactMap { $0 } + run.notes.prefix(5)).joined(separator: " · "))
        }
        let inventory = ComponentInventory(report.components)
        componentCount = inventory.entries.count
        hasComponents = componentCount > 0
        ecosystems = Self.ranked(inventory.entries.map(\.component.ecosystem))
        licenses = Array(Self.ranked(inventory.entries.flatMap { $0.component.licenses.isEmpty ? ["(none declared)"] : $0.component.licenses }).prefix(15))
        vulnerable = PackageVulnerability.all(in: open).map { vulnerability in
            VulnerablePackage(
                package: vulnerability.package, version: vulnerability.installedVersion,
                advisories: vulnerability.advisories.joined(separator: ", "), severity: vulnerability.severity.rawValue,
                fix: vulnerability.fixedVersion ?? "no fix listed")
        }
        hasVulnerable = !vulnerable.isEmpty
        frameworks = compliance.frameworks.map { framework in
            FrameworkBlock(
                anchor: "compliance-" + framework.id, title: "\(framework.name) \(framework.version)",
                findings: framework.counts["findings"] ?? 0, clear: framework.counts["clear"] ?? 0,
                notAssessed: framework.counts["not_assessed"] ?? 0,
                controls: framework.controls.map { control in
                    ControlRow(id: control.id, name: control.name, status: control.status.rawValue,
                               statusLabel: control.status.rawValue.replacingOccurrences(of: "_", with: " "),
                               findings: control.counts.total, assessedBy: control.assessedBy.joined(separator: ", "))
                })
        }
        advisoryDatabase = report.advisoryDatabase?.description ?? ""
        hasAdvisoryDatabase = report.advisoryDatabase != nil
        configDigest = report.configDigest
    }

    static func location(_ finding: Finding) -> String {
        finding.location?.display ?? "–"
    }

    static func item(_ finding: Finding) -> FindingItem {
        var links: [Link] = []
        for cwe in finding.cwes {
            if let number = ComplianceControl.cweNumber(cwe) {
                links.append(Link(text: "CWE-\(number)", url: "https://cwe.mitre.org/data/definitions/\(number).html"))
            }
        }
        for id in [finding.ruleID] + finding.aliases {
            if let url = advisoryURL(id), !links.contains(where: { $0.url == url }) { links.append(Link(text: id, url: url)) }
        }
        for reference in finding.references.prefix(8) where safeURL(reference) && !links.contains(where: { $0.url == reference }) {
            links.append(Link(text: URL(string: reference)?.host ?? reference, url: reference))
        }
        let suppression = finding.suppression.map { suppression in
            "suppressed (\(suppression.source.rawValue)): \(suppression.reason)" + (suppression.expires.map { ", until \($0)" } ?? "")
        } ?? ""
        return FindingItem(
            anchor: "f-" + String(finding.fingerprint.rawValue.suffix(16)), severity: finding.severity.rawValue,
            title: finding.title, scanner: finding.scanner, rule: finding.ruleID, location: location(finding),
            change: finding.change?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "", hasChange: finding.change != nil,
            description: finding.description, evidence: finding.evidence ?? "", hasEvidence: !(finding.evidence ?? "").isEmpty,
            remediation: finding.remediation ?? "", hasRemediation: !(finding.remediation ?? "").isEmpty,
            links: links, hasLinks: !links.isEmpty, suppressed: finding.suppression != nil, suppression: suppression,
            fingerprint: finding.fingerprint.rawValue)
    }

    /// Where an advisory id is published.
    static func advisoryURL(_ id: String) -> String? {
        if id.hasPrefix("CVE-") { return "https://nvd.nist.gov/vuln/detail/\(id)" }
        if id.hasPrefix("GHSA-") { return "https://github.com/advisories/\(id)" }
        if id.hasPrefix("PYSEC-") || id.hasPrefix("GO-") || id.hasPrefix("RUSTSEC-") || id.hasPrefix("OSV-") { return "https://osv.dev/vulnerability/\(id)" }
        return nil
    }

    /// Only http(s) links become anchors: never `javascript:` or `data:` from a scanned file or an advisory.
    static func safeURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "https" || scheme == "http") && url.host != nil
    }

    /// Values by how often they occur, most frequent first, then by name.
    static func ranked(_ values: [String]) -> [NameCount] {
        Dictionary(grouping: values, by: { $0 }).map { NameCount(name: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }
}
