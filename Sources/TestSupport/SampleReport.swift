import SecureScanCore

extension RunReport {
    /// A small, fixed report for renderer and store tests: two scanners (one failed), three findings
    /// (one suppressed, one with awkward characters), one fixed.
    package static func sample(runID: String = "20261129T000000Z-abcdef", previous: [Finding] = []) -> RunReport {
        var secret = Finding.sample(rule: "secrets/aws-access-token", severity: .critical, path: "config/settings.py", line: 12,
                                    identity: .secret(valueDigest: "aa"), title: "AWS access key ID")
        secret.description = "AWS access key ID in config/settings.py at line 12. The value is shown redacted as AKIA…JDPY."
        secret.evidence = "AWS_KEY = \"AKIA…JDPY\""
        secret.cwes = ["CWE-798"]
        secret.remediation = "Deactivate the key and rotate it."
        secret.properties = ["redacted": "AKIA…JDPY"]
        var docker = Finding.sample(scanner: "dockerfile", rule: "dockerfile/root-user", severity: .high, path: "deploy/Dockerfile",
                                    line: 7, identity: .iac(resource: "stage:0/USER/root"), title: "Final USER is root")
        docker.scanType = .iac
        docker.description = "The last USER is root | <script>alert(1)</script> & `ticks`"
        docker.evidence = "USER root"
        var suppressed = Finding.sample(scanner: "dockerfile", rule: "dockerfile/no-healthcheck", severity: .low, path: "deploy/Dockerfile",
                                        line: 1, identity: .iac(resource: "HEALTHCHECK"), title: "No HEALTHCHECK")
        suppressed.scanType = .iac
        suppressed.suppression = Suppression(source: .config, reason: "batch job", expires: "2027-01-31")
        let fixed = Finding.sample(rule: "secrets/github-pat", severity: .high, path: "web/api.js", line: 3,
                                   identity: .secret(valueDigest: "gone"), title: "GitHub personal access token")
        let scannerRuns = [
            ScannerRun(scanner: "secrets", scanType: .code, status: .ran, version: "0.1.0+rules.1", findingCount: 1, durationMilliseconds: 12),
            ScannerRun(scanner: "dockerfile", scanType: .iac, status: .ran, version: "0.1.0+rules.1", findingCount: 2, durationMilliseconds: 3),
            ScannerRun(scanner: "semgrep", scanType: .code, status: .skipped, reason: "not installed", installHint: "pip install semgrep"),
            ScannerRun(scanner: "slowtool", scanType: .code, status: .timedOut, error: "timed out after 5 s"),
        ]
        let diff = RunDiff(
            current: [secret, docker, suppressed], previous: previous.isEmpty ? [fixed, docker] : previous,
            seenBefore: [fixed.fingerprint, docker.fingerprint], completedScanners: ["secrets", "dockerfile"])
        let gate = Gate.evaluate(policy: GatePolicy(failOnNew: .high), findings: diff.current, scannerRuns: scannerRuns)
        return RunReport(
            runID: runID, target: TargetInfo(name: "demo", commit: "0123456789abcdef0123456789abcdef01234567", branch: "main"),
            startedAt: "2026-11-29T00:00:00Z", finishedAt: "2026-11-29T00:00:05Z", tool: ToolInfo(version: "0.1.0"),
            scannerRuns: scannerRuns, findings: diff.current, diff: diff, baseRunID: "20261128T000000Z-000000", gate: gate,
            configDigest: ContentDigest.sha256(""))
    }
}
