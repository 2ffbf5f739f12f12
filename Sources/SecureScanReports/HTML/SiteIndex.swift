import Foundation
import SecureScanCore

/// The static artifact site: `output/index.html` (every target: latest run, gate, counts, a trend
/// sparkline) and `output/<target>/index.html` (its runs over time, with links to each run's artifacts).
/// Links are relative, so the site works from `file://`, from `securescan serve`, or copied anywhere.
public enum SiteIndex {
    /// One stored run, with the artifact files its directory holds.
    public struct Run: Sendable {
        public var runID: String
        public var finishedAt: String
        public var commit: String?
        public var counts: SeverityCounts
        public var riskScore: Double
        public var passed: Bool
        public var diff: RunDiff.Counts
        /// File names present in the run directory (report.html, findings.json, …).
        public var artifacts: [String]

        public init(runID: String, finishedAt: String, commit: String?, counts: SeverityCounts, riskScore: Double,
                    passed: Bool, diff: RunDiff.Counts, artifacts: [String]) {
            self.runID = runID
            self.finishedAt = finishedAt
            self.commit = commit
            self.counts = counts
            self.riskScore = riskScore
            self.passed = passed
            self.diff = diff
            self.artifacts = artifacts
        }
    }

    /// A target and its runs, newest first; `directory` is its folder name under the output root.
    public struct Target: Sendable {
        public var name: String
        public var directory: String
        public var runs: [Run]

        public init(name: String, directory: String, runs: [Run]) {
            self.name = name
            self.directory = directory
            self.runs = runs
        }
    }

    /// Artifacts linked from the run list, in this order, with their labels.
    static let linked: [(file: String, label: String)] = [
        ("report.html", "HTML"), ("report.pdf", "PDF"), ("findings.json", "JSON"), ("findings.sarif", "SARIF"),
        ("sbom.cdx.json", "CycloneDX"), ("sbom.spdx.json", "SPDX"), ("compliance.csv", "compliance"), ("manifest.json", "manifest"),
    ]

    public static func overview(_ targets: [Target], templates: TemplateLibrary) throws(ReportsError) -> Data {
        struct Row {
            let name: String
            let link: String
            let hasRuns: Bool
            let runs: Int
            let latest: String
            let finishedAt: String
            let passed: Bool
            let counts: [SeverityCell]
            let total: Int
            let risk: String
            let sparkline: String
            let report: String
            let hasReport: Bool
        }
        let rows = targets.map { target -> Row in
            let latest = target.runs.first
            let report = latest.flatMap { run in run.artifacts.contains("report.html") ? "\(target.directory)/\(run.runID)/report.html" : nil }
            return Row(
                name: target.name, link: "\(target.directory)/index.html", hasRuns: latest != nil, runs: target.runs.count,
                latest: latest?.runID ?? "", finishedAt: latest?.finishedAt ?? "", passed: latest?.passed ?? true,
                counts: cells(latest?.counts ?? SeverityCounts()), total: latest?.counts.total ?? 0,
                risk: latest.map { SVGChart.number($0.riskScore) } ?? "", sparkline: SVGChart.sparkline(target.runs.reversed().map(\.riskScore)),
                report: report ?? "", hasReport: report != nil)
        }
        struct View {
            let targets: [Row]
            let hasTargets: Bool
        }
        return Data(try templates.render(View(targets: rows, hasTargets: !rows.isEmpty), template: "site-index.html").utf8)
    }

    public static func target(_ target: Target, templates: TemplateLibrary) throws(ReportsError) -> Data {
        struct Link {
            let href: String
            let label: String
        }
        struct Row {
            let runID: String
            let finishedAt: String
            let commit: String
            let passed: Bool
            let counts: [SeverityCell]
            let total: Int
            let risk: String
            let new: Int
            let fixed: Int
            let links: [Link]
        }
        struct View {
            let name: String
            let runs: [Row]
            let trend: String
            let hasTrend: Bool
        }
        let rows = target.runs.map { run in
            Row(runID: run.runID, finishedAt: run.finishedAt, commit: run.commit.map { String($0.prefix(12)) } ?? "", passed: run.passed,
                counts: cells(run.counts), total: run.counts.total, risk: SVGChart.number(run.riskScore), new: run.diff.new + run.diff.reopened,
                fixed: run.diff.fixed,
                links: linked.filter { run.artifacts.contains($0.file) }.map { Link(href: "\(run.runID)/\($0.file)", label: $0.label) })
        }
        let points = target.runs.prefix(30).reversed().map { RunTrendPoint(runID: $0.runID, finishedAt: $0.finishedAt, counts: $0.counts, riskScore: $0.riskScore) }
        let view = View(name: target.name, runs: rows, trend: SVGChart.trend(Array(points)), hasTrend: points.count > 1)
        return Data(try templates.render(view, template: "site-target.html").utf8)
    }

    struct SeverityCell {
        let severity: String
        let count: Int
    }

    static func cells(_ counts: SeverityCounts) -> [SeverityCell] {
        Severity.descending.map { SeverityCell(severity: $0.rawValue, count: counts[$0]) }
    }
}
