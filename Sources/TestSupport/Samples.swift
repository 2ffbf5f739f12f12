import SecureScanCore

extension Finding {
    /// A finding with every field defaulted, so a test states only what it is about.
    package static func sample(
        target: String = "demo", scanner: String = "secrets", rule: String = "secrets/test-rule",
        severity: Severity = .high, path: String = "src/app.py", line: Int = 1,
        identity: FindingIdentity = .secret(valueDigest: "digest"), title: String = "Sample finding"
    ) -> Finding {
        let location = Location(path: path, startLine: line)
        return Finding(
            fingerprint: Fingerprint.compute(target: target, scanner: scanner, rule: rule, path: path, identity: identity),
            scanner: scanner, scanType: .code, ruleID: rule, severity: severity, title: title, location: location)
    }
}
