import Foundation
import SecureScanCore

/// `findings.json`: the run, its scanners, counts, gate and every finding in canonical order.
///
/// Versioned by `schema_version`; fields are only ever added within a version.
public struct FindingsJSON: OutputFormat {
    public let id = "json"
    public let fileName = "findings.json"
    public let mediaType = "application/json"
    public let kind = ArtifactKind.report
    public static let schemaVersion = 1

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        json.key("findings")
        FindingDocument.write(report.findings, to: &json)
        json.field("kind", "securescan-findings")
        json.key("run")
        FindingDocument.writeRun(report, to: &json)
        json.key("scanners")
        json.beginArray()
        for run in report.scannerRuns { FindingDocument.write(run, to: &json) }
        json.endArray()
        json.field("schema_version", FindingsJSON.schemaVersion)
        json.key("summary")
        try json.encodable(Summary(
            counts: report.counts, suppressed: report.findings.count - report.openFindings.count,
            riskScore: report.riskScore, diff: report.diff.counts, gate: report.gate), format: fileName)
        json.key("tool")
        try json.encodable(report.tool, format: fileName)
        json.endObject()
        json.finishDocument()
    }

    private struct Summary: Encodable {
        let counts: SeverityCounts
        let suppressed: Int
        let riskScore: Double
        let diff: RunDiff.Counts
        let gate: GateResult

        enum CodingKeys: String, CodingKey {
            case counts, suppressed, diff, gate
            case riskScore = "risk_score"
        }
    }
}
