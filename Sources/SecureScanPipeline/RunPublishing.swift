import Foundation
import SecureScanCore

/// Where `--publish` sends a run: a central server judges it against the organization's history, and
/// keeps its artifact files once the runner has rendered them from that judgment.
public protocol RunPublishing: Sendable {
    /// Sends the run as the runner judged it; answers with the server's judgment (the diff against the
    /// target's central history, the central triage verdicts applied, the gate evaluated), as stored there.
    func judge(_ publication: RunPublication) async throws(PipelineError) -> RunReport

    /// Sends the run's artifact folder, rendered from the server's judgment (`manifest.json` among it).
    func upload(runID: String, directory: URL) async throws(PipelineError)

    /// The server's triage verdicts on `fingerprints` (`diff`, which stores no run, judges with them).
    func verdicts(for fingerprints: [Fingerprint]) async throws(PipelineError) -> [Fingerprint: TriageVerdict]
}
