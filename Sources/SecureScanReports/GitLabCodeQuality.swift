import Foundation
import SecureScanCore

/// `gl-code-quality-report.json`: GitLab's Code Quality report (a subset of the Code Climate issue
/// format), for the merge request widget: each open finding with its rule, location, GitLab severity and
/// fingerprint. Suppressed findings are left out.
public struct GitLabCodeQuality: OutputFormat {
    public let id = "gitlab-codequality"
    public let fileName = "gl-code-quality-report.json"
    public let mediaType = "application/json"
    public let writtenByDefault = false

    public init() {}

    /// GitLab's five levels.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "blocker"
        case .high: "critical"
        case .medium: "major"
        case .low: "minor"
        case .info: "info"
        }
    }

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        var json = PrettyJSONWriter(sink)
        json.beginArray()
        for finding in report.findings where finding.isOpen {
            json.beginObject()
            json.field("categories", ["Security"])
            json.field("check_name", finding.ruleID)
            json.field("description", "\(finding.title) (\(finding.scanner))")
            json.field("fingerprint", finding.fingerprint.rawValue)
            json.key("location")
            json.beginObject()
            json.key("lines")
            json.beginObject()
            json.field("begin", finding.location?.startLine ?? 1)
            if let end = finding.location?.endLine, end > (finding.location?.startLine ?? 1) { json.field("end", end) }
            json.endObject()
            json.field("path", finding.location?.path ?? ".")
            json.endObject()
            json.field("severity", Self.severity(finding.severity))
            json.field("type", "issue")
            json.endObject()
        }
        json.endArray()
        json.finishDocument()
    }
}
