import SecureScanCore
import SecureScanStore

extension Pipeline {
    /// The findings judged: triage verdicts and the config's policy (suppressions, severity overrides)
    /// applied, compared with the previous run, and the gate evaluated over the result.
    func judge(_ findings: consuming [Finding], scannerRuns: [ScannerRun], setup: RunSetup, storage: RunStorage,
               gate requested: GatePolicy, today: String) throws(PipelineError) -> Judgement {
        let verdicts: [Fingerprint: TriageVerdict]
        do {
            verdicts = try storage.store.verdicts(for: findings.map(\.fingerprint))
        } catch {
            throw .store(error)
        }
        let policy = FindingPolicy(config: setup.config, triage: verdicts)
        let diff = RunDiff(
            current: policy.apply(to: consume findings, today: today), previous: storage.previous.findings,
            seenBefore: storage.previous.seenFingerprints, completedScanners: Set(scannerRuns.filter(\.completed).map(\.scanner)))
        let current = diff.current
        let gate = Gate.evaluate(policy: setup.config.policy.overridden(by: requested), findings: current, scannerRuns: scannerRuns)
        return Judgement(policy: policy, diff: diff, current: current, gate: gate)
    }
}
