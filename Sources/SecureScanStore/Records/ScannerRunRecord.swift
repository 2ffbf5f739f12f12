import GRDB
import SecureScanCore

/// A row of `scanner_runs`.
struct ScannerRunRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "scanner_runs"

    var runSeq: Int64
    var scanner: String
    var scanType: String
    var status: String
    var version: String?
    var reason: String?
    var installHint: String?
    var error: String?
    var findingCount: Int
    var durationMs: Int
    var notes: String

    enum CodingKeys: String, CodingKey {
        case scanner, status, version, reason, error, notes
        case runSeq = "run_seq"
        case scanType = "scan_type"
        case installHint = "install_hint"
        case findingCount = "finding_count"
        case durationMs = "duration_ms"
    }

    init(_ run: ScannerRun, runSeq: Int64) {
        self.runSeq = runSeq
        scanner = run.scanner
        scanType = run.scanType.rawValue
        status = run.status.rawValue
        version = run.version
        reason = run.reason
        installHint = run.installHint
        error = run.error
        findingCount = run.findingCount
        durationMs = run.durationMilliseconds
        notes = JSONColumn.encode(run.notes)
    }

    var scannerRun: ScannerRun {
        ScannerRun(
            scanner: scanner, scanType: ScanType(rawValue: scanType) ?? .code,
            status: ScannerRun.Status(rawValue: status) ?? .failed, version: version, reason: reason,
            installHint: installHint, error: error, findingCount: findingCount, durationMilliseconds: durationMs,
            notes: JSONColumn.decode([String].self, notes, default: []))
    }
}
