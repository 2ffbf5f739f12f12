/// Something that happened to a scan: streamed over SSE, stored for replay, and the source of
/// notifications and webhook deliveries.
public struct ScanEvent: Sendable, Hashable, Codable {
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        case scanStart = "scan.start"
        case scannerStart = "scanner.start"
        case scannerComplete = "scanner.complete"
        case scannerSkipped = "scanner.skipped"
        case scannerFailed = "scanner.failed"
        case findingsNew = "findings.new"
        case scanComplete = "scan.complete"
        case scanFailed = "scan.failed"
        case scanCancelled = "scan.cancelled"

        /// The events that end a scan's stream.
        public var isTerminal: Bool { self == .scanComplete || self == .scanFailed || self == .scanCancelled }
    }

    public var name: Name
    /// The event's fields (never the scan id, which the stream's URL or the webhook envelope carries).
    public var data: [String: JSONValue]
    /// ISO-8601 UTC.
    public var at: String

    public init(_ name: Name, _ data: [String: JSONValue] = [:], at: String) {
        self.name = name
        self.data = data
        self.at = at
    }
}

/// A stored event: its position in the scan's stream is its SSE id.
public struct StoredScanEvent: Sendable, Hashable {
    public var scanID: String
    /// 1, 2, 3, … per scan.
    public var sequence: Int
    public var event: ScanEvent

    public init(scanID: String, sequence: Int, event: ScanEvent) {
        self.scanID = scanID
        self.sequence = sequence
        self.event = event
    }
}

extension ScanEvent {
    /// Text cut to `limit` characters, for error fields.
    public static func clip(_ text: String, _ limit: Int = 200) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Seconds with two decimals, from milliseconds.
    public static func seconds(milliseconds: Int) -> JSONValue { .double((Double(milliseconds) / 10).rounded() / 100) }

    /// The event for a finished scanner run.
    public static func scannerFinished(_ run: ScannerRun, at: String) -> ScanEvent {
        switch run.status {
        case .ran:
            ScanEvent(.scannerComplete, [
                "scanner": .string(run.scanner), "duration_s": seconds(milliseconds: run.durationMilliseconds),
                "findings_count": .int(run.findingCount), "version": .optional(run.version),
            ], at: at)
        case .skipped:
            ScanEvent(.scannerSkipped, [
                "scanner": .string(run.scanner), "reason": .string(run.reason ?? "not available"),
                "install_hint": .optional(run.installHint),
            ], at: at)
        case .failed, .timedOut:
            ScanEvent(.scannerFailed, [
                "scanner": .string(run.scanner), "duration_s": seconds(milliseconds: run.durationMilliseconds),
                "error": .string(clip(run.error ?? run.status.rawValue)), "status": .string(run.status.rawValue),
            ], at: at)
        }
    }

    /// `scan.complete` for a stored run, with the counts people act on.
    public static func scanComplete(_ report: RunReport, durationMilliseconds: Int, at: String) -> ScanEvent {
        let counts = report.counts
        return ScanEvent(.scanComplete, [
            "target": .string(report.target.name), "run_id": .string(report.runID),
            "duration_s": seconds(milliseconds: durationMilliseconds),
            "scanner_count": .int(report.scannerRuns.filter(\.completed).count),
            "findings_count": .int(counts.total),
            "severity_counts": .object(Dictionary(uniqueKeysWithValues: Severity.descending.map { ($0.rawValue, .int(counts[$0])) })),
            "risk_score": .double(report.riskScore),
            "new_count": .int(report.diff.new.filter(\.isOpen).count + report.diff.reopened.filter(\.isOpen).count),
            "fixed_count": .int(report.diff.fixed.count),
            "gate_passed": .bool(report.gate.passed),
        ], at: at)
    }

    /// `findings.new` when a run brought new or reopened critical or high findings; nil otherwise.
    /// Lists at most 20 of them, by title, severity, location and fingerprint: never evidence.
    public static func newSevereFindings(_ report: RunReport, at: String) -> ScanEvent? {
        let severe = Finding.canonicallyMerged(report.diff.new, report.diff.reopened).filter { $0.isOpen && $0.severity >= .high }
        guard !severe.isEmpty else { return nil }
        return ScanEvent(.findingsNew, [
            "target": .string(report.target.name), "run_id": .string(report.runID),
            "count": .int(severe.count),
            "critical": .int(severe.filter { $0.severity == .critical }.count),
            "high": .int(severe.filter { $0.severity == .high }.count),
            "findings": .array(severe.prefix(20).map { finding in
                .object([
                    "fingerprint": .string(finding.fingerprint.rawValue), "severity": .string(finding.severity.rawValue),
                    "title": .string(finding.title), "rule_id": .string(finding.ruleID), "scanner": .string(finding.scanner),
                    "location": .optional(finding.location?.display),
                ])
            }),
        ], at: at)
    }
}
