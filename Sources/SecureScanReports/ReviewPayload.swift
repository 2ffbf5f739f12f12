import Foundation
import SecureScanCore

/// `review.json`: the body of a pull-request review for GitHub's "create a review" endpoint
/// (`POST /repos/{owner}/{repo}/pulls/{number}/reviews`): one comment per new finding that starts on a
/// line the change adds or changes (GitHub refuses comments elsewhere), the others listed in the review's
/// body with the counts. Only for a change (`diff`): without its changed lines every finding goes to the body.
public struct ReviewPayload: OutputFormat {
    public let id = "github-review"
    public let fileName = "review.json"
    public let mediaType = "application/json"
    public let writtenByDefault = false

    public static let marker = "<!-- securescan:review -->"

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        let new = Finding.canonicallyMerged(report.diff.new, report.diff.reopened).filter(\.isOpen)
        let changed = context.changedLines ?? [:]
        var inline: [Finding] = []
        var elsewhere: [Finding] = []
        for finding in new {
            if let location = finding.location, let line = location.startLine,
               changed[location.path]?.contains(where: { $0.contains(line) }) == true {
                inline.append(finding)
            } else {
                elsewhere.append(finding)
            }
        }
        var body = [Self.marker, "## SecureScan review: \(new.count) new finding\(new.count == 1 ? "" : "s"), \(report.diff.fixed.count) fixed"]
        if !report.gate.passed { body.append("**Gate failed:** " + report.gate.reasons.map(PRComment.escape).joined(separator: "; ")) }
        if !elsewhere.isEmpty {
            body.append("")
            body.append("New findings outside the changed lines:")
            for finding in elsewhere.prefix(100) {
                body.append("- **\(finding.severity.rawValue)** `\(PRComment.escape(finding.ruleID))` \(PRComment.escape(finding.title)) (`\(PRComment.escape(finding.location?.display ?? "-"))`)")
            }
            if elsewhere.count > 100 { body.append("- … and \(elsewhere.count - 100) more") }
        }
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        json.field("body", body.joined(separator: "\n"))
        json.key("comments")
        json.beginArray()
        for finding in inline {
            json.beginObject()
            json.field("body", "**\(finding.severity.rawValue): \(finding.title)** (`\(finding.ruleID)`, \(finding.scanner))\n\n"
                       + finding.description + (finding.remediation.map { "\n\n_Remediation:_ " + $0 } ?? ""))
            json.field("line", finding.location?.startLine ?? 1)
            json.field("path", finding.location?.path ?? "")
            json.field("side", "RIGHT")
            json.endObject()
        }
        json.endArray()
        json.field("commit_id", report.target.commit ?? context.sourceLinks?.commit)
        json.field("event", "COMMENT")
        json.endObject()
        json.finishDocument()
    }
}
