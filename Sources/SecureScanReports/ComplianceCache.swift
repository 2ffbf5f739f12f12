import SecureScanCore
import Synchronization

/// The compliance coverage of the run being rendered, computed by the first format that needs it
/// (compliance.json, compliance.csv, report.html, report.pdf) and shared by the others.
public final class ComplianceCache: Sendable {
    private let stored = Mutex<(runID: String, coverage: ComplianceCoverage)?>(nil)

    public init() {}

    func coverage(of report: RunReport) -> ComplianceCoverage {
        stored.withLock { stored in
            if let stored, stored.runID == report.runID { return stored.coverage }
            let coverage = ComplianceCoverage.compute(findings: report.findings, scannerRuns: report.scannerRuns)
            stored = (report.runID, coverage)
            return coverage
        }
    }
}
