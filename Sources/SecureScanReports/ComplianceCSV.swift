import Foundation
import SecureScanCore

/// `compliance.csv` (RFC 4180): one row per framework and control, for spreadsheets and GRC tools.
///
/// Fields are quoted by hand (``field(_:)``), and rows stream into the sink. yaslab/CSV.swift 2.5.2 (in the
/// offline package list) was measured on 70 rows of 10,000 fingerprints each (6.2 MB, like a 10,000-finding
/// run's file): 1.37 s against 0.72 s for this code, 11.5 s more to a clean build, and it has no guard
/// against spreadsheet formulas, which would still be written here (2026-12-03, docs/benchmarks.md).
public struct ComplianceCSV: OutputFormat {
    public let id = "compliance-csv"
    public let fileName = "compliance.csv"
    public let mediaType = "text/csv"

    static let header = ["framework", "framework_version", "control", "control_name", "status", "assessed_by",
                         "findings", "critical", "high", "medium", "low", "info", "fingerprints"]

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        let coverage = context.compliance.coverage(of: report)
        Self.row(Self.header.map { [$0] }, to: sink)
        for framework in coverage.frameworks {
            for control in framework.controls {
                let fields: [[String]] = [
                    [framework.id], [framework.version], [control.id], [control.name], [control.status.rawValue],
                    control.assessedBy, [String(control.counts.total)],
                ] + Severity.descending.map { [String(control.counts[$0])] } + [control.fingerprints]
                Self.row(fields, to: sink)
            }
        }
    }

    /// One record; each field is given as its parts, joined by spaces (the lists: scanners, fingerprints),
    /// so a control's 10,000 fingerprints are never joined into one string first.
    private static func row(_ fields: [[String]], to sink: ArtifactSink) {
        for (index, parts) in fields.enumerated() {
            if index > 0 { sink.write(UInt8(ascii: ",")) }
            write(parts, to: sink)
        }
        sink.write("\r\n")
    }

    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
    }

    /// A field quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@` is
    /// prefixed with `'` so a spreadsheet never evaluates a finding's text as a formula. These are all
    /// ASCII, so the checks run over UTF-8 bytes.
    private static func write(_ parts: [String], to sink: ArtifactSink) {
        let formula = parts.first?.utf8.first.map(startsFormula) ?? false
        let quoted = parts.contains { $0.utf8.contains(where: needsQuotes) }
        if quoted { sink.write(UInt8(ascii: "\"")) }
        if formula { sink.write(UInt8(ascii: "'")) }
        for (index, part) in parts.enumerated() {
            if index > 0 { sink.write(UInt8(ascii: " ")) }
            if quoted, part.utf8.contains(UInt8(ascii: "\"")) {
                sink.write(part.replacingOccurrences(of: "\"", with: "\"\""))
            } else {
                sink.write(part)
            }
        }
        if quoted { sink.write(UInt8(ascii: "\"")) }
    }

    /// `value` as one CSV field (see ``write(_:to:)``).
    static func field(_ value: String) -> String {
        let sink = ArtifactSink.memory(name: "field")
        write([value], to: sink)
        _ = try? sink.finish()
        return String(decoding: sink.data, as: UTF8.self)
    }
}
