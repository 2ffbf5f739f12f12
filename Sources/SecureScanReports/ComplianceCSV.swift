import Foundation
import SecureScanCore

/// `compliance.csv` (RFC 4180): one row per framework and control, for spreadsheets and GRC tools. Rows
/// stream into the sink through ``CSVRecord``.
public struct ComplianceCSV: OutputFormat {
    public let id = "compliance-csv"
    public let fileName = "compliance.csv"
    public let mediaType = "text/csv"

    static let header = ["framework", "framework_version", "control", "control_name", "status", "assessed_by",
                         "findings", "critical", "high", "medium", "low", "info", "fingerprints"]

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        let coverage = context.compliance.coverage(of: report)
        CSVRecord.write(Self.header.map { [$0] }, to: sink)
        for framework in coverage.frameworks {
            for control in framework.controls {
                let fields: [[String]] = [
                    [framework.id], [framework.version], [control.id], [control.name], [control.status.rawValue],
                    control.assessedBy, [String(control.counts.total)],
                ] + Severity.descending.map { [String(control.counts[$0])] } + [control.fingerprints]
                CSVRecord.write(fields, to: sink)
            }
        }
    }
}
