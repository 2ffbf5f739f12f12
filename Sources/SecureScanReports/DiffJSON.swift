import Foundation
import SecureScanCore

/// `diff.json`: this run against the target's previous state, bucket by bucket.
public struct DiffJSON: OutputFormat {
    public let id = "diff"
    public let fileName = "diff.json"
    public let mediaType = "application/json"
    public let kind = ArtifactKind.report

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        json.field("base_run_id", report.baseRunID)
        json.key("counts")
        try json.encodable(report.diff.counts, format: fileName)
        json.key("fixed")
        FindingDocument.write(report.diff.fixed, to: &json)
        json.field("kind", "securescan-diff")
        json.key("new")
        FindingDocument.write(report.diff.new, to: &json)
        json.key("not_reassessed")
        FindingDocument.write(report.diff.notReassessed, to: &json)
        json.key("reopened")
        FindingDocument.write(report.diff.reopened, to: &json)
        json.key("run")
        FindingDocument.writeRun(report, to: &json)
        json.field("schema_version", FindingsJSON.schemaVersion)
        json.key("unchanged")
        FindingDocument.write(report.diff.unchanged, to: &json)
        json.endObject()
        json.finishDocument()
    }
}
