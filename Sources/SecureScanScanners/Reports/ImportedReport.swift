import Foundation
import SecureScanCore

/// A report another tool produced, standing in for a scanner so `securescan import` runs the whole
/// pipeline (fingerprints, policy, diff, artifacts) on it. The file is read and parsed when the value is
/// made, so a bad report fails before anything is stored.
public struct ImportedReport: ScannerAdapter {
    public let id: String
    public let scanType: ScanType
    public let summary: String
    public let report: ParsedReport
    public let fingerprintKinds: [String]

    public let isBuiltIn = false

    /// Reads `file` as `parser`'s format: one adapter per tool in the report (a SARIF log can hold several).
    public static func load(file: String, parser: any ReportParser, context: ReportContext) throws(ScannersError) -> [ImportedReport] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw .invalidReport(source: file, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .invalidReport(source: file, reason: "it is a directory, not a report file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .invalidReport(source: file, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        let digest = ContentDigest.sha256(bytes: data)
        let reports = try parser.parseReports(Array(data), context: context)
        return reports.map { report in
            var report = report
            report.observations.notes.insert("imported from \(file) (sha256 \(digest))", at: 0)
            return report
        }.map { report in
            ImportedReport(id: report.scanner ?? parser.scanner, scanType: parser.scanType,
                           summary: "\(parser.summary), imported from \(file)", report: report, fingerprintKinds: parser.fingerprintKinds)
        }
    }

    public func availability() async -> ScannerAvailability {
        .available(version: report.toolVersion ?? "unknown")
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        report.observations
    }
}
