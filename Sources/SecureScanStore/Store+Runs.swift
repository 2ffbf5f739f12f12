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
    ///
    /// Rows are read in batches until the page is full, so a page near the start of a 100,000-finding
    /// run reads a few hundred rows, whichever backend holds them.
    public func findings(
        runID: String, filter: FindingFilter, after: Int64? = nil, limit: Int, accept: (Finding) -> Bool = { _ in true }
    ) throws(StoreError) -> [(position: Int64, finding: Finding)] {
        try read { db in
            guard let seq = try db.value(Int64.self, "SELECT seq FROM runs WHERE id = ?", [runID]) else {
                throw StoreError.unknownRun(id: runID)
            }
            var clauses = ["run_seq = ?", "assessment = 'observed'", "rowid > ?"]
            var restrictions: [any SQLBindable] = []
            func restrict(_ column: String, _ values: [String]?) {
                guard let values else { return }
                clauses.append("\(column) IN (\(SQLPlaceholders.list(values.count)))")
                restrictions += values.map { $0 as any SQLBindable }
            }
            restrict("severity", filter.severities.map { $0.map(\.rawValue).sorted() })
            restrict("scan_type", filter.scanTypes.map { $0.map(\.rawValue).sorted() })
            restrict("scanner", filter.scanners.map { $0.sorted() })
            restrict("change", filter.changes.map { $0.map(\.rawValue).sorted() })
            if let suppressed = filter.suppressed { clauses.append(suppressed ? "suppression_source IS NOT NULL" : "suppression_source IS NULL") }
            let sql = "SELECT rowid, \(FindingRecord.columnList) FROM findings WHERE \(clauses.joined(separator: " AND ")) ORDER BY rowid LIMIT ?"
            let batch = min(max(limit, 64), 2_000)
            var page: [(Int64, Finding)] = []
            var position = after ?? 0
            while page.count < limit {
                let rows = try db.rows(sql, [seq, position] as [any SQLBindable] + restrictions + [batch])
                for row in rows where page.count < limit {
                    let finding = FindingRecord.finding(row: row, offset: 1)
                    if accept(finding) { page.append((row[0], finding)) }
                }
                guard rows.count == batch, let last = rows.last else { break }
                position = last[0]
            }
            return page
        }
    }

    /// The report of a stored run, rebuilt from the database: its findings, scanner runs, components,
    /// diff against the run it was compared with, and gate. Renders the same artifacts the run wrote
    /// (the tool version is the one that made the run).
    public func report(runID: String) throws(StoreError) -> RunReport {
        try read { db in
            guard let row = try db.row(
                """
                SELECT \(RunRecord.summaryColumns), runs.config_digest, runs.vulndb_digest, runs.vulndb_summary, targets.name, runs.notes
                FROM runs JOIN targets ON targets.id = runs.target_id WHERE runs.id = ?
                """,
                [runID]) else { throw StoreError.unknownRun(id: runID) }
            let extra = RunRecord.summaryColumnCount
            let summary = RunRecord.summary(row: row, offset: 0, target: row[extra + 3])
            let configDigest: String = row[extra]
            let vulndbDigest: String? = row[extra + 1]
            let vulndbSummary: String? = row[extra + 2]
            let notes: String = row[extra + 4]
            let seq = Int64(summary.sequence)
            let rows = try db.rows("SELECT \(FindingRecord.columnList) FROM findings WHERE run_seq = ? ORDER BY rowid", [seq])
            let current = rows.filter { FindingRecord.assessment(row: $0) == FindingRecord.Assessment.observed.rawValue }
                .map { FindingRecord.finding(row: $0) }
            let carried = rows.filter { FindingRecord.assessment(row: $0) == FindingRecord.Assessment.carried.rawValue }
                .map { FindingRecord.finding(row: $0) }
            var previous: [Finding] = []
            if let base = summary.baseRunID, let baseSeq = try db.value(Int64.self, "SELECT seq FROM runs WHERE id = ?", [base]) {
                previous = try db.rows("SELECT \(FindingRecord.columnList) FROM findings WHERE run_seq = ?", [baseSeq])
                    .map { FindingRecord.finding(row: $0) }
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
            let scannerRuns = try db.rows("SELECT \(ScannerRunRecord.columnList) FROM scanner_runs WHERE run_seq = ? ORDER BY scanner", [seq])
                .map { ScannerRunRecord.scannerRun(row: $0) }
            let components = try db.rows("SELECT \(ComponentRecord.columnList) FROM components WHERE run_seq = ? ORDER BY purl, manifest_path", [seq])
                .map(ComponentRecord.component(row:))
            let advisories = vulndbSummary.flatMap { JSONColumn.decode(AdvisoryDatabaseSummary?.self, $0, default: nil) }
                ?? vulndbDigest.map { AdvisoryDatabaseSummary(digest: $0, records: 0, ecosystems: [:], newestModified: nil) }
            return RunReport(
                runID: summary.id, target: TargetInfo(name: summary.target, commit: summary.commit, branch: summary.branch),
                startedAt: summary.startedAt, finishedAt: summary.finishedAt, tool: ToolInfo(version: summary.toolVersion),
                scannerRuns: scannerRuns, findings: current, components: components, diff: diff, baseRunID: summary.baseRunID,
                gate: summary.gate, configDigest: configDigest, advisoryDatabase: advisories,
                notes: JSONColumn.decode([String].self, notes, default: []))
        }
    }

    /// The fingerprints a run observed, for comparing two runs.
    public func fingerprints(runID: String) throws(StoreError) -> [Fingerprint] {
        try read { db in
            try db.values(
                String.self,
                "SELECT findings.fingerprint FROM findings JOIN runs ON runs.seq = findings.run_seq WHERE runs.id = ? AND assessment = 'observed'",
                [runID]).map(Fingerprint.init(rawValue:))
        }
    }
}
