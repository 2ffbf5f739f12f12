import SecureScanCore

/// A row of `scanner_runs`.
struct ScannerRunRecord {
    static let table = "scanner_runs"
    /// The table's columns, in the order of ``arguments`` and of ``scannerRun(row:offset:)``.
    static let columns = [
        "run_seq", "scanner", "scan_type", "status", "version", "reason", "install_hint", "error", "finding_count", "duration_ms", "notes",
        "skipped_entries",
    ]
    static let columnList = columns.map { "scanner_runs." + $0 }.joined(separator: ", ")

    var runSeq: Int64
    var run: ScannerRun

    init(_ run: ScannerRun, runSeq: Int64) {
        self.runSeq = runSeq
        self.run = run
    }

    var arguments: [SQLArgument] {
        [runSeq.sqlArgument, run.scanner.sqlArgument, run.scanType.rawValue.sqlArgument, run.status.rawValue.sqlArgument,
         run.version.sqlArgument, run.reason.sqlArgument, run.installHint.sqlArgument, run.error.sqlArgument,
         run.findingCount.sqlArgument, run.durationMilliseconds.sqlArgument, JSONColumn.encode(run.notes).sqlArgument,
         run.skippedEntries.sqlArgument]
    }

    /// A scanner run from a row holding ``columns`` from `offset` on.
    static func scannerRun(row: SQLRow, offset: Int = 0) -> ScannerRun {
        let type: String = row[offset + 2], status: String = row[offset + 3]
        return ScannerRun(
            scanner: row[offset + 1], scanType: ScanType(rawValue: type) ?? .code, status: ScannerRun.Status(rawValue: status) ?? .failed,
            version: row[offset + 4], reason: row[offset + 5], installHint: row[offset + 6], error: row[offset + 7],
            findingCount: row[offset + 8], durationMilliseconds: row[offset + 9],
            notes: JSONColumn.decode([String].self, row[offset + 10], default: []), skippedEntries: row[offset + 11])
    }
}
