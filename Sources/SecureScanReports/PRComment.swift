import Foundation
import SecureScanCore

/// `pr-comment.md`: the Markdown of one pull-request comment, found again by its hidden marker so a CI
/// job updates it rather than adding another: counts, the new findings (linked to their lines in the head
/// commit when the repository is known), the fixed ones, and the rest folded. Never longer than GitHub
/// takes (65,536 characters): past ``budget`` the lists stop with a count and where the full list is.
public struct PRComment: OutputFormat {
    public let id = "github-pr-comment"
    public let fileName = "pr-comment.md"
    public let mediaType = "text/markdown"
    public let writtenByDefault = false

    /// The marker a job searches existing comments for.
    public static let marker = "<!-- securescan:pr-comment -->"
    /// Characters the body may use, under GitHub's 65,536 with room for the closing lines.
    static let budget = 60_000

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(Self.body(report, links: context.sourceLinks))
    }

    static func body(_ report: RunReport, links: SourceLinks?) -> String {
        let new = (report.diff.new + report.diff.reopened).filter(\.isOpen).canonicallySorted()
        let fixed = report.diff.fixed
        let suppressedNew = (report.diff.new + report.diff.reopened).count { !$0.isOpen }
        var lines = [marker, "## SecureScan: \(report.gate.passed ? "passed" : "failed") · \(report.target.name)", ""]
        lines.append("| | findings |")
        lines.append("|---|---:|")
        lines.append("| New | \(new.count) |")
        lines.append("| Fixed | \(fixed.count) |")
        lines.append("| Unchanged | \(report.diff.unchanged.count) |")
        if suppressedNew > 0 { lines.append("| New but suppressed | \(suppressedNew) |") }
        if !report.gate.passed {
            lines.append("")
            lines.append("**Gate failed:** " + report.gate.reasons.map(escape).joined(separator: "; "))
        }
        var used = lines.joined(separator: "\n").count
        func section(_ title: String, _ findings: [Finding], openCount: Int, folded: Bool) {
            guard !findings.isEmpty else { return }
            lines.append("")
            lines.append(folded ? "<details><summary>\(title) (\(findings.count))</summary>" : "### \(title)")
            lines.append("")
            lines.append("| severity | rule | location | finding |")
            lines.append("|---|---|---|---|")
            var shown = 0
            for finding in findings {
                let row = "| \(finding.severity.rawValue) | `\(escape(finding.ruleID))` | \(location(finding, links: links)) | \(escape(finding.title)) |"
                if shown >= openCount || used + row.count > budget { break }
                lines.append(row)
                used += row.count + 1
                shown += 1
            }
            if shown < findings.count {
                lines.append("")
                lines.append("… and \(findings.count - shown) more in findings.json and the SARIF log.")
            }
            if folded {
                lines.append("")
                lines.append("</details>")
            }
        }
        section("New", new, openCount: new.count, folded: false)
        section("Fixed", fixed, openCount: 100, folded: true)
        lines.append("")
        lines.append("<sub>SecureScan \(report.tool.version) · run \(report.runID)</sub>")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func location(_ finding: Finding, links: SourceLinks?) -> String {
        guard let location = finding.location else { return "-" }
        let text = "`\(escape(location.display))`"
        guard let links, finding.change != .fixed else { return text }
        return "[\(text)](\(links.url(path: location.path, line: location.startLine)))"
    }

    /// Table-safe text: pipes escaped, line breaks and HTML brackets neutralised.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// Where a repository's files are browsed at one commit, for links from comments and reports.
public struct SourceLinks: Sendable, Hashable {
    /// `https://github.com/owner/repo`.
    public var repository: String
    public var commit: String

    public init(repository: String, commit: String) {
        self.repository = repository
        self.commit = commit
    }

    /// From GitHub Actions' environment (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`), at `commit`.
    public static func gitHub(environment: [String: String], commit: String?) -> SourceLinks? {
        guard let repository = environment["GITHUB_REPOSITORY"], !repository.isEmpty,
              let commit = commit ?? environment["GITHUB_SHA"], !commit.isEmpty else { return nil }
        let server = environment["GITHUB_SERVER_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://github.com"
        return SourceLinks(repository: server + "/" + repository, commit: commit)
    }

    public func url(path: String, line: Int?) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"])) ?? String($0)
        }.joined(separator: "/")
        return "\(repository)/blob/\(commit)/\(encoded)" + (line.map { "#L\($0)" } ?? "")
    }
}
