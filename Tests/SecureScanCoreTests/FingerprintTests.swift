import Testing
import TestSupport
@testable import SecureScanCore

/// Finding identity: fp1, versioned, length-prefixed, never a line number, the target always an input.
@Suite struct FingerprintTests {
    func draft(rule: String = "r", path: String = "a.py", line: Int, identity: FindingIdentity) -> Finding.Draft {
        Finding.Draft(ruleID: rule, severity: .high, title: "t", location: Location(path: path, startLine: line), identity: identity)
    }

    /// The same drafts, `lines` lower in their files.
    func shifted(_ drafts: [Finding.Draft], by lines: Int) -> [Finding.Draft] {
        drafts.map { draft in
            var moved = draft
            let line = (draft.location?.startLine ?? 0) + lines
            moved.location?.startLine = line
            moved.location?.endLine = line
            return moved
        }
    }

    @Test func fingerprintsAreVersionedSHA256() {
        let fingerprint = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: "a", identity: .secret(valueDigest: "d"))
        #expect(fingerprint.rawValue.hasPrefix("fp1:"))
        #expect(fingerprint.rawValue.count == 4 + 64)
    }

    @Test func movingCodeKeepsEveryFingerprint() {
        let before = [
            draft(line: 10, identity: .code(family: "semgrep", text: "eval(x)")),
            draft(line: 20, identity: .secret(valueDigest: SecretDigest.of(Array("s3cr3t-value-1".utf8)))),
            draft(rule: "dockerfile/root-user", path: "Dockerfile", line: 5, identity: .iac(resource: "stage:0/USER/root")),
        ]
        let after = shifted(before, by: 37)
        let a = Fingerprinter.findings(from: before, scanner: "x", scanType: .code, target: "demo").map(\.fingerprint)
        let b = Fingerprinter.findings(from: after, scanner: "x", scanType: .code, target: "demo").map(\.fingerprint)
        #expect(a == b)
    }

    /// Large inputs are fingerprinted in chunks on every core: the findings come back in input order, each
    /// with the fingerprint one draft alone would get, occurrences numbered across the whole input.
    @Test func aLargeInputIsFingerprintedInOrderAcrossChunks() {
        let count = Fingerprinter.parallelThreshold * 2 + 17
        let drafts = (0..<count).map { index in
            draft(path: "f\(index % 5).py", line: index, identity: index % 3 == 0
                ? .code(family: "semgrep", text: "eval(x)") : .secret(valueDigest: "d\(index)"))
        }
        let findings = Fingerprinter.findings(from: drafts, scanner: "x", scanType: .code, target: "demo")
        #expect(findings.map(\.location) == drafts.map(\.location))
        var occurrences: [String: Int] = [:]
        for (draft, finding) in zip(drafts, findings) {
            var occurrence = 0
            if case .code = draft.identity {
                let path = draft.location!.path
                occurrence = occurrences[path, default: 0]
                occurrences[path] = occurrence + 1
            }
            let alone = Fingerprint.compute(target: "demo", scanner: "x", rule: draft.ruleID, path: draft.location?.path,
                                            identity: draft.identity, occurrence: occurrence)
            #expect(finding.fingerprint == alone)
        }
        #expect(Set(findings.map(\.fingerprint)).count == count)
    }

    @Test func twoDifferentSecretsInOneFileAreTwoFindings() {
        let drafts = [
            draft(line: 1, identity: .secret(valueDigest: SecretDigest.of(Array("first-secret-value".utf8)))),
            draft(line: 2, identity: .secret(valueDigest: SecretDigest.of(Array("second-secret-value".utf8)))),
        ]
        let findings = Fingerprinter.findings(from: drafts, scanner: "secrets", scanType: .code, target: "demo")
        #expect(Set(findings.map(\.fingerprint)).count == 2)
    }

    @Test func identicalCodeTwiceInAFileIsTwoFindingsThatSurviveInsertionsAbove() {
        let drafts = [
            draft(line: 3, identity: .code(family: "semgrep", text: "os.system(cmd)")),
            draft(line: 9, identity: .code(family: "semgrep", text: "os.system(cmd)")),
        ]
        let first = Fingerprinter.findings(from: drafts, scanner: "semgrep", scanType: .code, target: "demo").map(\.fingerprint)
        let second = Fingerprinter.findings(from: shifted(drafts, by: 5), scanner: "semgrep", scanType: .code, target: "demo").map(\.fingerprint)
        #expect(Set(first).count == 2)
        #expect(first == second)
    }

    @Test func reindentingCodeKeepsItsIdentity() {
        let a = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: "a.py", identity: .code(family: "f", text: "x = eval( y )"))
        let b = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: "a.py", identity: .code(family: "f", text: "   x = eval(\n  y )  "))
        #expect(a == b)
    }

    @Test func fieldsAreDelimitedUnambiguously() {
        let a = Fingerprint.compute(target: "ab", scanner: "s", rule: "c", path: "p", identity: .secret(valueDigest: "d"))
        let b = Fingerprint.compute(target: "a", scanner: "s", rule: "bc", path: "p", identity: .secret(valueDigest: "d"))
        #expect(a != b)
        #expect(Fingerprint.digest(["ab", "c"]) != Fingerprint.digest(["a", "bc"]))
    }

    @Test func theTargetIsPartOfIdentity() {
        let identity = FindingIdentity.dast(urlTemplate: "https://h/login", parameter: "")
        let a = Fingerprint.compute(target: "site-a", scanner: "dast", rule: "missing-hsts", path: nil, identity: identity)
        let b = Fingerprint.compute(target: "site-b", scanner: "dast", rule: "missing-hsts", path: nil, identity: identity)
        #expect(a != b)
    }

    @Test func kindsNeverCollide() {
        let secret = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: "p", identity: .secret(valueDigest: "x"))
        let iac = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: "p", identity: .iac(resource: "x"))
        #expect(secret != iac)
    }

    @Test func aDependencyUpgradeThatIsStillVulnerableKeepsItsIdentity() {
        // No version among the fields: the same advisory in the same package is the same finding.
        let identity = FindingIdentity.dependency(ecosystem: "PyPI", package: "jinja2", manifestPath: "requirements.txt", advisory: "CVE-2024-22195")
        let a = Fingerprint.compute(target: "t", scanner: "osv", rule: "CVE-2024-22195", path: "requirements.txt", identity: identity)
        let b = Fingerprint.compute(target: "t", scanner: "osv", rule: "CVE-2024-22195", path: "./requirements.txt", identity: identity)
        #expect(a == b)
    }

    @Test(arguments: [
        ("./src/app.py", "src/app.py"), ("src\\app.py", "src/app.py"), ("src//app.py", "src/app.py"),
        ("./././a/./b", "a/b"), ("a/b/", "a/b"),
    ])
    func pathsAreNormalizedBeforeHashing(raw: String, normalized: String) {
        #expect(Location.normalize(path: raw) == normalized)
        let a = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: raw, identity: .iac(resource: "x"))
        let b = Fingerprint.compute(target: "t", scanner: "s", rule: "r", path: normalized, identity: .iac(resource: "x"))
        #expect(a == b)
    }
}
