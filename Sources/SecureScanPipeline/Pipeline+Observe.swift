import Foundation
import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// What the scanners see in one tree, without a stored run: the steps `diff` runs on each side and
/// `baseline` runs on the target.
struct TreeObservation: Sendable {
    var runs: [ScannerRun]
    var findings: [Finding]
    var notes: [String]
}

extension Pipeline {
    /// Walks `root` (a directory laid out like the target), runs the setup's scanners on it and collects
    /// their findings, fingerprinted as the target's. No policy applied, nothing stored.
    func observeTree(_ root: String, setup: RunSetup, request: ScanRequest, advisories: AdvisoryAccess?,
                     availability: [String: ScannerAvailability], journal: EventJournal) async throws(PipelineError) -> TreeObservation {
        var treeSetup = setup
        treeSetup.root = try Pipeline.resolved(root)
        // Options naming files in the target (semgrep's rule files) keep pointing at the target, not at the copy.
        for scanner in setup.scanners {
            for key in scanner.pathOptionKeys {
                guard let values = treeSetup.config.scannerOptions[scanner.id]?[key] else { continue }
                treeSetup.config.scannerOptions[scanner.id]?[key] = values.map { value in
                    !value.hasPrefix("/") && FileManager.default.fileExists(atPath: setup.root + "/" + value) ? setup.root + "/" + value : value
                }
            }
        }
        let tree = try walk(request, setup: treeSetup, outputRoot: URL(fileURLWithPath: "/nonexistent/securescan-output"))
        let results = await runScanners(treeSetup, tree: tree, advisories: advisories, skipping: nil, availability: availability, journal: journal)
        let collected = Pipeline.collect(results, reused: nil, target: setup.targetName)
        let notes = tree.notes + results.flatMap { result in result.observations.notes.map { "\(result.run.scanner): \($0)" } }
        return TreeObservation(runs: results.map(\.run), findings: collected.findings, notes: notes)
    }

    /// Inline comments (unless the policy turns them off), then `policy`'s overrides and suppressions.
    func judgeWithoutHistory(_ findings: [Finding], root: String, setup: RunSetup, gate: GatePolicy, policy: FindingPolicy,
                             today: String) throws(PipelineError) -> [Finding] {
        let marked = gate.allowInlineSuppressions
            ? try InlineSuppressor(root: try Pipeline.resolved(root), scanners: scanners).apply(to: findings) : findings
        return policy.apply(to: marked, today: today)
    }

    /// The target's findings as a scan would report them (inline comments and the config's suppressions
    /// applied; no baseline, triage or history), for `baseline create` and `baseline update`. Nothing is stored.
    public func observe(_ request: ScanRequest) async throws(PipelineError) -> (target: String, findings: [Finding], notes: [String]) {
        var request = request
        request.formats = []
        let setup = try await resolve(request)
        let store: Store
        do {
            store = try Store.inMemory()
        } catch {
            throw .store(error)
        }
        let availability = await Pipeline.availabilities(setup.scanners)
        let observation = try await observeTree(
            setup.root, setup: setup, request: request, advisories: try openAdvisories(request, scanners: setup.scanners),
            availability: availability, journal: EventJournal(scanID: "observe", store: store, live: false, now: now))
        let gate = setup.config.policy.overridden(by: request.gate)
        let findings = try judgeWithoutHistory(observation.findings, root: setup.root, setup: setup, gate: gate,
                                               policy: FindingPolicy(config: setup.config), today: String(Pipeline.timestamp(now()).prefix(10)))
        let failed = observation.runs.filter(\.isError).map { "\($0.scanner) \($0.status == .timedOut ? "timed out" : "failed"): \($0.error ?? "")" }
        return (setup.targetName, findings, observation.notes + failed)
    }
}
