import Foundation
import SecureScanCore

/// `diff.json`: this run against the target's previous state, bucket by bucket.
public struct DiffJSON: OutputFormat {
    public let id = "diff"
    public let fileName = "diff.json"
    public let mediaType = "application/json"

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(Document(report: report), format: fileName)
    }

    private struct Document: Encodable {
        let report: RunReport

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case kind, run, counts, new, unchanged, reopened, fixed
            case baseRunID = "base_run_id"
            case notReassessed = "not_reassessed"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(FindingsJSON.schemaVersion, forKey: .schemaVersion)
            try container.encode("securescan-diff", forKey: .kind)
            try container.encode(RunDocument(report: report), forKey: .run)
            try container.encodeIfPresent(report.baseRunID, forKey: .baseRunID)
            try container.encode(report.diff.counts, forKey: .counts)
            try container.encode(report.diff.new.map(FindingDocument.init), forKey: .new)
            try container.encode(report.diff.reopened.map(FindingDocument.init), forKey: .reopened)
            try container.encode(report.diff.unchanged.map(FindingDocument.init), forKey: .unchanged)
            try container.encode(report.diff.fixed.map(FindingDocument.init), forKey: .fixed)
            try container.encode(report.diff.notReassessed.map(FindingDocument.init), forKey: .notReassessed)
        }
    }
}
