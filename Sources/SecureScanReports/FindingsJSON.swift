import Foundation
import SecureScanCore

/// `findings.json`: the run, its scanners, counts, gate and every finding in canonical order.
///
/// Versioned by `schema_version`; fields are only ever added within a version.
public struct FindingsJSON: OutputFormat {
    public let id = "json"
    public let fileName = "findings.json"
    public let mediaType = "application/json"
    public static let schemaVersion = 1

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(Document(report: report), format: fileName)
    }

    private struct Document: Encodable {
        let report: RunReport

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case kind, tool, run, scanners, summary, findings
        }

        struct Summary: Encodable {
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

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(FindingsJSON.schemaVersion, forKey: .schemaVersion)
            try container.encode("securescan-findings", forKey: .kind)
            try container.encode(report.tool, forKey: .tool)
            try container.encode(RunDocument(report: report), forKey: .run)
            try container.encode(report.scannerRuns.map(ScannerRunDocument.init), forKey: .scanners)
            try container.encode(Summary(
                counts: report.counts, suppressed: report.findings.count - report.openFindings.count,
                riskScore: report.riskScore, diff: report.diff.counts, gate: report.gate), forKey: .summary)
            try container.encode(report.findings.map(FindingDocument.init), forKey: .findings)
        }
    }
}
