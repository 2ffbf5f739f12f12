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
        let policy = FindingPolicy(config: setup.config, triage: verdicts, baseline: setup.baseline, vex: setup.vex)
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
        let stale = setup.baseline?.stale(against: Set(current.map(\.fingerprint))) ?? []
        var judgement = Judgement(policy: policy, diff: diff, current: current, gate: gate, staleBaseline: stale)
        // Only a run that looked for vulnerabilities can say a statement matches none.
        if !setup.vex.isEmpty, scannerRuns.contains(where: { $0.completed && $0.scanType == .dependency }) {
            judgement.staleVEX = policy.staleVEXStatements(against: current)
        }
        return judgement
    }
}

extension Pipeline {
    /// The note for VEX statements that matched no finding: the package was upgraded or removed, or the
    /// statement is about another vulnerability.
    static func staleVEXNote(_ stale: [VEXStatement]) -> String? {
        guard !stale.isEmpty else { return nil }
        let shown = stale.prefix(3).map(\.label).joined(separator: ", ")
        return "\(stale.count) VEX statement\(stale.count == 1 ? " matches" : "s match") no finding (stale: the package was upgraded or removed): "
            + shown + (stale.count > 3 ? ", …" : "")
    }

    /// The note for baseline entries that matched no finding: fixed, or no longer in the tree
    /// (`securescan baseline update` drops them).
    static func staleBaselineNote(_ stale: [Baseline.Entry]) -> String? {
        guard !stale.isEmpty else { return nil }
        let shown = stale.prefix(3).map { "\($0.ruleID) in \($0.path ?? "-")" }.joined(separator: ", ")
        return "\(stale.count) baseline entr\(stale.count == 1 ? "y matches" : "ies match") no finding any more (fixed, or no longer in the tree): "
            + shown + (stale.count > 3 ? ", …" : "") + "; `securescan baseline update` drops them"
    }
}
