import Foundation
import SecureScanCore

/// RFC 4180 records written straight into a sink, safe to open in a spreadsheet.
///
/// Fields are quoted by hand: yaslab/CSV.swift 2.5.2 (in the offline package list) was measured on 70 rows
/// of 10,000 fingerprints each (6.2 MB, like a 10,000-finding run's compliance.csv): 1.37 s against 0.72 s
/// for this code, 11.5 s more to a clean build, and it has no guard against spreadsheet formulas, which
/// would still be written here (2026-12-03, docs/benchmarks.md).
enum CSVRecord {
    /// One record; each field is given as its parts, joined by spaces (lists such as a control's 10,000
    /// fingerprints are never joined into one string first).
    static func write(_ fields: [[String]], to sink: ArtifactSink) {
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

    /// `value` as one CSV field.
    static func field(_ value: String) -> String {
        let sink = ArtifactSink.memory(name: "field")
        write([value], to: sink)
        _ = try? sink.finish()
        return String(decoding: sink.data, as: UTF8.self)
    }
}
