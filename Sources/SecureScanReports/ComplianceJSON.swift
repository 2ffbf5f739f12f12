import Foundation
import SecureScanCore

/// `compliance.json`: per framework and control, `findings` (with the findings), `clear` or `not_assessed`.
/// `GET /compliance/coverage` serves this content.
public struct ComplianceJSON: OutputFormat {
    public let id = "compliance-json"
    public let fileName = "compliance.json"
    public let mediaType = "application/json"

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(Document(report: report, coverage: context.compliance.coverage(of: report)), format: fileName)
    }

    private struct Document: Encodable {
        let report: RunReport
        let coverage: ComplianceCoverage

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case kind, run, frameworks
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(FindingsJSON.schemaVersion, forKey: .schemaVersion)
            try container.encode("securescan-compliance", forKey: .kind)
            try container.encode(RunDocument(report: report), forKey: .run)
            try container.encode(coverage.frameworks, forKey: .frameworks)
        }
    }
}
