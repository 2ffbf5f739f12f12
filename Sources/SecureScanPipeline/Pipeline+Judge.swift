import SecureScanCore
import SecureScanStore

extension Pipeline {
    /// The findings judged: comments in the code that suppress them (unless the policy says not to), triage
    /// verdicts and the config's policy (suppressions, severity overrides) applied, compared with the
    /// previous run, and the gate evaluated over the result.
    func judge(_ findings: consuming [Finding], scannerRuns: [ScannerRun], setup: RunSetup, storage: RunStorage,
               gate requested: GatePolicy, today: String) throws(PipelineError) -> Judgement {
        let verdicts: [Fingerprint: TriageVerdict]
        do {
            verdicts = try storage.store.verdicts(for: findings.map(\.fingerprint))
        } catch {
            throw .store(error)
        }
        let policy = FindingPolicy(config: setup.config, triage: verdicts)
        let gatePolicy = setup.config.policy.overridden(by: requested)
        var findings = findings
        if gatePolicy.allowInlineSuppressions {
            findings = try InlineSuppressor(root: setup.root, scanners: scanners).apply(to: consume findings)
        }
        let diff = RunDiff(
            current: policy.apply(to: consume findings, today: today), previous: storage.previous.findings,
            seenBefore: storage.previous.seenFingerprints, completedScanners: Set(scannerRuns.filter(\.completed).map(\.scanner)))
        let current = diff.current
        let gate = Gate.evaluate(policy: gatePolicy, findings: current, scannerRuns: scannerRuns)
        return Judgement(policy: policy, diff: diff, current: current, gate: gate)
    }
}
