import Foundation
import SecureScanCore

/// `summary.md`: the run in a page of Markdown, for a pull request comment or release notes.
///
/// Rendered from `templates/summary.md.mustache`; this file only builds the view model (text already
/// escaped for Markdown tables).
public struct SummaryMarkdown: OutputFormat {
    public let id = "markdown"
    public let fileName = "summary.md"
    public let mediaType = "text/markdown"
    public let usesTemplates = true
    /// At most this many findings are listed per section; the rest are counted.
    public static let listLimit = 50

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(try document(report, context: context))
    }

    func document(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        guard let templates = context.templates else { throw .templatesNotFound(searched: []) }
        return Data(try templates.render(View(report: report), template: "summary.md").utf8)
    }

    /// What the template reads.
    struct View {
        struct Row {
            let severity: String
            let open: Int
            let new: Int
        }

        struct Item {
            let severity: String
            let rule: String
            let location: String
            let title: String
            let change: String
        }

        struct ScannerRow {
            let id: String
            let status: String
            let version: String
            let findings: Int
            let notes: String
        }

        let target: String
        let runID: String
        let finishedAt: String
        let toolVersion: String
        let commit: String
        let passed: Bool
        let verdict: String
        let reasons: [String]
        let rows: [Row]
        let total: Int
        let totalNew: Int
        let suppressed: Int
        /// `inline 3, config 1`.
        let suppressedBy: String
        let riskScore: String
        let riskBand: String
        let baseRunID: String
        let diffNew: Int
        let diffReopened: Int
        let diffFixed: Int
        let diffUnchanged: Int
        let diffNotReassessed: Int
        let newItems: [Item]
        let newMore: Int
        let fixedItems: [Item]
        let fixedMore: Int
        let scanners: [ScannerRow]
        let walkNotes: [String]
        let hasWalkNotes: Bool
        let hasSuppressed: Bool
        let hasBase: Bool
        let hasNewItems: Bool
        let hasFixedItems: Bool
        let hasNewMore: Bool
        let hasFixedMore: Bool

        init(report: RunReport) {
            let open = report.openFindings
            let fresh = open.filter { $0.change == .new || $0.change == .reopened }
            target = Markdown.escape(report.target.name)
            runID = report.runID
            finishedAt = report.finishedAt
            toolVersion = report.tool.version
            commit = report.target.commit.map { " · commit `\(String($0.prefix(12)))`" + (report.target.branch.map { " (\(Markdown.escape($0)))" } ?? "") } ?? ""
            passed = report.gate.passed
            verdict = report.gate.passed ? "PASSED" : "FAILED"
            reasons = report.gate.reasons.map(Markdown.escape)
            let newCounts = SeverityCounts(fresh)
            let counts = report.counts
            rows = Severity.descending.map { Row(severity: $0.rawValue.capitalized, open: counts[$0], new: newCounts[$0]) }
            total = counts.total
            totalNew = newCounts.total
            suppressed = report.findings.count - open.count
            suppressedBy = report.suppressionBreakdown
            riskScore = String(report.riskScore)
            riskBand = RiskScore.band(report.riskScore).rawValue
            baseRunID = report.baseRunID ?? ""
            let diff = report.diff.counts
            diffNew = diff.new
            diffReopened = diff.reopened
            diffFixed = diff.fixed
            diffUnchanged = diff.unchanged
            diffNotReassessed = diff.notReassessed
            newItems = fresh.prefix(SummaryMarkdown.listLimit).map(View.item)
            newMore = max(0, fresh.count - SummaryMarkdown.listLimit)
            fixedItems = report.diff.fixed.prefix(SummaryMarkdown.listLimit).map(View.item)
            fixedMore = max(0, report.diff.fixed.count - SummaryMarkdown.listLimit)
            hasSuppressed = suppressed > 0
            hasBase = report.baseRunID != nil
            hasNewItems = !newItems.isEmpty
            hasFixedItems = !fixedItems.isEmpty
            hasNewMore = newMore > 0
            hasFixedMore = fixedMore > 0
            walkNotes = report.notes.map(Markdown.escape)
            hasWalkNotes = !report.notes.isEmpty
            scanners = report.scannerRuns.map { run in
                ScannerRow(
                    id: run.scanner, status: run.status.rawValue.replacingOccurrences(of: "_", with: " "),
                    version: Markdown.escape(run.version ?? "–"), findings: run.findingCount,
                    notes: Markdown.escape(([run.reason, run.error].compactMap { $0 } + run.notes).joined(separator: "; ")))
            }
        }

        static func item(_ finding: Finding) -> Item {
            let location = finding.location?.display ?? "–"
            return Item(
                severity: finding.severity.rawValue, rule: Markdown.code(finding.ruleID), location: Markdown.code(location),
                title: Markdown.escape(finding.title), change: finding.change?.rawValue ?? "")
        }
    }
}

/// Escaping for text placed in Markdown table cells and inline code.
enum Markdown {
    /// Text for a code span inside a table cell: no backticks, no line breaks, pipes escaped.
    static func code(_ text: String) -> String {
        text.map { character -> String in
            switch character {
            case "`": "'"
            case "|": "\\|"
            case "\n", "\r": " "
            default: String(character)
            }
        }.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "`": out += "'"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*", "_", "[", "]", "#": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }
}
