import GRDB
import SecureScanCore

/// Reading stored runs back: a whole report for re-rendering, and findings page by page for the API.
extension Store {
    /// Which findings of a run a page lists.
    public struct FindingFilter: Sendable, Hashable {
        public var severities: Set<Severity>?
        public var scanTypes: Set<ScanType>?
        public var scanners: Set<String>?
        public var changes: Set<DiffStatus>?
        /// nil: both; true: only suppressed ones; false: only open ones.
        public var suppressed: Bool?

        public init(severities: Set<Severity>? = nil, scanTypes: Set<ScanType>? = nil, scanners: Set<String>? = nil,
                    changes: Set<DiffStatus>? = nil, suppressed: Bool? = nil) {
            self.severities = severities
            self.scanTypes = scanTypes
            self.scanners = scanners
            self.changes = changes
            self.suppressed = suppressed
        }
    }

    /// Up to `limit` findings a run observed, in canonical order, after the position `after` (a cursor a
    /// previous page returned), that pass `filter` and `accept`. Returns each finding's position.
    public func findings(
        runID: String, filter: FindingFilter, after: Int64? = nil, limit: Int, accept: (Finding) -> Bool = { _ in true }
    ) throws(StoreError) -> [(position: Int64, finding: Finding)] {
        try read { db in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM runs WHERE id = ?", arguments: [runID]) else {
                throw StoreError.unknownRun(id: runID)
            }
            var clauses = ["run_seq = ?", "assessment = 'observed'", "rowid > ?"]
            var arguments: [(any DatabaseValueConvertible)?] = [seq, after ?? 0]
            func restrict(_ column: String, _ values: [String]?) {
                guard let values else { return }
                clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
                arguments += values.map { $0 as (any DatabaseValueConvertible)? }
            }
            restrict("severity", filter.severities.map { $0.map(\.rawValue) })
            restrict("scan_type", filter.scanTypes.map { $0.map(\.rawValue) })
            restrict("scanner", filter.scanners.map(Array.init))
            restrict("change", filter.changes.map { $0.map(\.rawValue) })
            if let suppressed = filter.suppressed { clauses.append(suppressed ? "suppression_source IS NOT NULL" : "suppression_source IS NULL") }
            let statement = try db.cachedStatement(sql: "SELECT rowid AS position, * FROM findings WHERE \(clauses.joined(separator: " AND ")) ORDER BY rowid")
            let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
            var page: [(Int64, Finding)] = []
            while page.count < limit, let row = try cursor.next() {
                let finding = FindingRecord.finding(row: row, offset: 1)
                if accept(finding) { page.append((row["position"], finding)) }
            }
            return page
        }
    }

    /// The report of a stored run, rebuilt from the database: its findings, scanner runs, components,
    /// diff against the run it was compared with, and gate. Renders the same artifacts the run wrote
    /// (the tool version is the one that made the run).
    public func report(runID: String) throws(StoreError) -> RunReport {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT runs.*, targets.name AS target_name FROM runs JOIN targets ON targets.id = runs.target_id WHERE runs.id = ?",
                arguments: [runID]) else { throw StoreError.unknownRun(id: runID) }
            let record = try RunRecord(row: row)
            let seq = record.seq ?? 0
            let rows = try FindingRecord.fetchAll(db, sql: "SELECT * FROM findings WHERE run_seq = ? ORDER BY rowid", arguments: [seq])
            let current = rows.filter { $0.assessment == FindingRecord.Assessment.observed.rawValue }.map(\.finding)
            let carried = rows.filter { $0.assessment == FindingRecord.Assessment.carried.rawValue }.map(\.finding)
            var previous: [Finding] = []
            if let base = record.baseRunID, let baseSeq = try Int64.fetchOne(db, sql: "SELECT seq FROM runs WHERE id = ?", arguments: [base]) {
                previous = try FindingRecord.fetchAll(db, sql: "SELECT * FROM findings WHERE run_seq = ?", arguments: [baseSeq]).map(\.finding)
            }
            var diff = RunDiff()
            diff.new = current.filter { $0.change == .new }
            diff.unchanged = current.filter { $0.change == .unchanged }
            diff.reopened = current.filter { $0.change == .reopened }
            diff.notReassessed = carried
            let kept = Set(current.map(\.fingerprint)).union(carried.map(\.fingerprint))
            diff.fixed = previous.filter { !kept.contains($0.fingerprint) }.map { finding in
                var finding = finding
                finding.change = .fixed
                return finding
            }.canonicallySorted()
            let scannerRuns = try ScannerRunRecord.fetchAll(db, sql: "SELECT * FROM scanner_runs WHERE run_seq = ?", arguments: [seq]).map(\.scannerRun)
            let components = try ComponentRecord.fetchAll(db, sql: "SELECT * FROM components WHERE run_seq = ?", arguments: [seq]).map(\.component)
            let summary = record.summary(target: row["target_name"])
            let advisories = record.vulndbSummary.flatMap { JSONColumn.decode(AdvisoryDatabaseSummary?.self, $0, default: nil) }
                ?? record.vulndbDigest.map { AdvisoryDatabaseSummary(digest: $0, records: 0, ecosystems: [:], newestModified: nil) }
            return RunReport(
                runID: record.id, target: TargetInfo(name: summary.target, commit: record.commitID, branch: record.branch),
                startedAt: record.startedAt, finishedAt: record.finishedAt, tool: ToolInfo(version: record.toolVersion),
                scannerRuns: scannerRuns, findings: current, components: components, diff: diff, baseRunID: record.baseRunID,
                gate: summary.gate, configDigest: record.configDigest, advisoryDatabase: advisories)
        }
    }

    /// The fingerprints a run observed, for comparing two runs.
    public func fingerprints(runID: String) throws(StoreError) -> [Fingerprint] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT findings.fingerprint FROM findings JOIN runs ON runs.seq = findings.run_seq WHERE runs.id = ? AND assessment = 'observed'",
                arguments: [runID]).map(Fingerprint.init(rawValue:))
        }
    }
}
