import SecureScanCore

extension RunReport {
    /// A report of `count` findings spread over severities, rules and files, for the bounded-report tests;
    /// with `changed`, as many findings again were fixed and as many of the current ones reopened.
    package static func large(_ count: Int, changed: Int = 0, runID: String = "20261129T000000Z-abcdef") -> RunReport {
        let severities: [Severity] = [.critical, .high, .high, .medium, .low, .info]
        let findings = (0..<(count + changed)).map { index in
            var finding = Finding.sample(
                rule: "secrets/rule-\(index % 7)", severity: severities[index % severities.count], path: "src/file-\(index / 50).py",
                line: index % 50 + 1, identity: .secret(valueDigest: "value-\(index)"), title: "Finding number \(index)")
            finding.description = "Description of finding \(index): a credential in the source that should be rotated."
            finding.cwes = ["CWE-798"]
            if index % 97 == 0 { finding.suppression = Suppression(source: .config, reason: "fixture") }
            return finding
        }
        let current = Array(findings.prefix(count))
        let diff = RunDiff(current: current, previous: Array(findings.suffix(changed)),
                           seenBefore: Set(current.prefix(changed).map(\.fingerprint)), completedScanners: ["secrets"])
        let runs = [ScannerRun(scanner: "secrets", scanType: .code, status: .ran, version: "1", findingCount: count)]
        return RunReport(
            runID: runID, target: TargetInfo(name: "large"), startedAt: "2026-11-29T00:00:00Z", finishedAt: "2026-11-29T00:00:05Z",
            tool: ToolInfo(version: "0.1.0"), scannerRuns: runs, findings: diff.current, diff: diff,
            baseRunID: changed > 0 ? "20261128T000000Z-000000" : nil,
            gate: Gate.evaluate(policy: GatePolicy(), findings: diff.current, scannerRuns: runs), configDigest: ContentDigest.sha256(""))
    }
}
