import SecureScanCore

/// Aggregates for the dashboard, computed in SQL over the run rows' stored counts.
extension Store {
    public struct Statistics: Sendable, Hashable {
        public var totalScans: Int
        public var scansByStatus: [ScanStatus: Int]
        public var targets: Int
        /// Sum of open findings over completed runs.
        public var totalFindings: Int
        public var completedScans: Int
        public var averageRiskScore: Double?
        /// Open findings per severity in each target's latest run, summed.
        public var latestOpen: SeverityCounts
        public var latestRiskScores: [String: Double]
    }

    public func statistics() throws(StoreError) -> Statistics {
        try read { db in
            var byStatus: [ScanStatus: Int] = [:]
            for row in try db.rows("SELECT status, COUNT(*) AS n FROM scans GROUP BY status") {
                if let status = ScanStatus(rawValue: row["status"]) { byStatus[status] = row["n"] }
            }
            let totals = try db.row("""
                SELECT COUNT(*) AS runs, COALESCE(SUM(count_critical + count_high + count_medium + count_low + count_info), 0) AS findings,
                       AVG(risk_score) AS risk FROM runs
                """)!
            var latest = SeverityCounts()
            var risks: [String: Double] = [:]
            let rows = try db.rows("""
                SELECT \(RunRecord.summaryColumns), targets.name FROM runs JOIN targets ON targets.id = runs.target_id
                WHERE runs.seq IN (SELECT MAX(seq) FROM runs GROUP BY target_id)
                """)
            for row in rows {
                let summary = RunRecord.summary(row: row, offset: 0, target: row[RunRecord.summaryColumnCount])
                latest.critical += summary.counts.critical
                latest.high += summary.counts.high
                latest.medium += summary.counts.medium
                latest.low += summary.counts.low
                latest.info += summary.counts.info
                risks[summary.target] = summary.riskScore
            }
            let average: Double? = totals["risk"]
            return Statistics(
                totalScans: byStatus.values.reduce(0, +), scansByStatus: byStatus,
                targets: try db.value(Int.self, "SELECT COUNT(*) FROM targets") ?? 0,
                totalFindings: totals["findings"], completedScans: totals["runs"],
                averageRiskScore: average.map { ($0 * 100).rounded() / 100 }, latestOpen: latest, latestRiskScores: risks)
        }
    }

    /// Runs that finished at or after `since`, oldest first, plus each target's last run before it (so a
    /// trend can carry every target's state into the window).
    public func runsForTrend(since: String, target: String?) throws(StoreError) -> [RunSummary] {
        try read { db in
            try db.rows("""
                    SELECT \(RunRecord.summaryColumns), targets.name FROM runs JOIN targets ON targets.id = runs.target_id
                    WHERE (? IS NULL OR targets.name = ?)
                      AND (runs.finished_at >= ? OR runs.seq IN (SELECT MAX(seq) FROM runs WHERE finished_at < ? GROUP BY target_id))
                    ORDER BY runs.seq
                    """, [target, target, since, since]
            ).map { RunRecord.summary(row: $0, offset: 0, target: $0[RunRecord.summaryColumnCount]) }
        }
    }
}
