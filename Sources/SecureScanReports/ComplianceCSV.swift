import Foundation
import SecureScanCore

/// `compliance.csv` (RFC 4180): one row per framework and control, for spreadsheets and GRC tools.
public struct ComplianceCSV: OutputFormat {
    public let id = "compliance-csv"
    public let fileName = "compliance.csv"
    public let mediaType = "text/csv"

    static let header = ["framework", "framework_version", "control", "control_name", "status", "assessed_by",
                         "findings", "critical", "high", "medium", "low", "info", "fingerprints"]

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        let coverage = context.compliance.coverage(of: report)
        var rows = [Self.header]
        for framework in coverage.frameworks {
            for control in framework.controls {
                let bySeverity = Dictionary(grouping: control.findings, by: \.severity).mapValues(\.count)
                rows.append([
                    framework.id, framework.version, control.id, control.name, control.status.rawValue,
                    control.assessedBy.joined(separator: " "), String(control.findings.count),
                ] + Severity.descending.map { String(bySeverity[$0] ?? 0) } + [control.findings.map(\.fingerprint).joined(separator: " ")])
            }
        }
        return Data(rows.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined().utf8)
    }

    /// A field quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@` is
    /// prefixed with `'` so a spreadsheet never evaluates a finding's text as a formula.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
