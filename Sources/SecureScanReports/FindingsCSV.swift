import Foundation
import SecureScanCore

/// `findings.csv` (RFC 4180): one row per finding, in canonical order, for spreadsheets and trackers.
/// Formula-safe (``CSVRecord``); evidence is not included.
public struct FindingsCSV: OutputFormat {
    public let id = "csv"
    public let fileName = "findings.csv"
    public let mediaType = "text/csv"
    public let writtenByDefault = false

    static let header = ["severity", "status", "change", "scanner", "rule_id", "title", "path", "start_line", "end_line", "cwes",
                         "fingerprint", "suppressed_by", "suppression_reason", "description"]

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        CSVRecord.write(Self.header.map { [$0] }, to: sink)
        for finding in report.findings {
            let location = finding.location
            CSVRecord.write([
                [finding.severity.rawValue], [finding.isOpen ? "open" : "suppressed"], [finding.change?.rawValue ?? ""], [finding.scanner],
                [finding.ruleID], [finding.title], [location?.path ?? ""], [location?.startLine.map(String.init) ?? ""],
                [location?.endLine.map(String.init) ?? ""], finding.cwes, [finding.fingerprint.rawValue],
                [finding.suppression?.source.rawValue ?? ""], [finding.suppression?.reason ?? ""], [finding.description],
            ], to: sink)
        }
    }
}
