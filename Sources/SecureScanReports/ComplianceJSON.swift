import Foundation
import SecureScanCore

/// `compliance.json`: per framework and control, `findings`, `clear` or `not_assessed`, with the findings
/// that bear on a control as fingerprints and per-severity counts (the findings themselves are in
/// `findings.json`), so its size follows the controls rather than controls × findings.
///
/// Schema 2; schema 1 repeated each finding's scanner, rule, title and location under every control.
public struct ComplianceJSON: OutputFormat {
    public let id = "compliance-json"
    public let fileName = "compliance.json"
    public let mediaType = "application/json"
    public static let schemaVersion = 2

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        let coverage = context.compliance.coverage(of: report)
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        json.key("frameworks")
        json.beginArray()
        for framework in coverage.frameworks {
            json.beginObject()
            json.key("controls")
            json.beginArray()
            for control in framework.controls {
                json.beginObject()
                json.field("assessed_by", control.assessedBy)
                json.key("counts")
                try json.encodable(control.counts, format: fileName)
                json.field("fingerprints", control.fingerprints)
                json.field("id", control.id)
                json.field("name", control.name)
                json.field("status", control.status.rawValue)
                json.endObject()
            }
            json.endArray()
            json.key("counts")
            try json.encodable(framework.counts, format: fileName)
            json.field("id", framework.id)
            json.field("name", framework.name)
            json.field("source", framework.source)
            json.field("version", framework.version)
            json.endObject()
        }
        json.endArray()
        json.field("kind", "securescan-compliance")
        json.key("run")
        FindingDocument.writeRun(report, to: &json)
        json.field("schema_version", ComplianceJSON.schemaVersion)
        json.endObject()
        json.finishDocument()
    }
}
