import Testing
import TestSupport
@testable import SecureScanCore

/// Compliance coverage: findings count against a control by CWE or by rule; a control is clear only when a
/// scanner that assesses it completed; suppressed findings and failed scanners never make a control clear
/// or failing.
@Suite struct ComplianceCoverageTests {
    static let framework = ComplianceFramework(id: "test", name: "Test", version: "1", source: "https://example.com", controls: [
        ComplianceControl(id: "C1", name: "Credentials", cwes: [798], rules: ["secrets:*"]),
        ComplianceControl(id: "C2", name: "Containers", cwes: [], rules: ["dockerfile:DS001"]),
        ComplianceControl(id: "C3", name: "Injection", cwes: [89], rules: []),
    ])

    static func run(_ scanner: String, _ status: ScannerRun.Status = .ran) -> ScannerRun {
        ScannerRun(scanner: scanner, scanType: .code, status: status)
    }

    func control(_ coverage: ComplianceCoverage, _ id: String) -> ComplianceCoverage.Control {
        coverage.frameworks[0].controls.first { $0.id == id }!
    }

    @Test func findingsMapByCWEAndByRule() {
        var sqli = Finding.sample(scanner: "semgrep", rule: "python.sqli")
        sqli.cwes = ["CWE-89: Improper Neutralization of Special Elements used in an SQL Command"]
        let dockerfile = Finding.sample(scanner: "dockerfile", rule: "DS001", path: "Dockerfile")
        let coverage = ComplianceCoverage.compute(
            findings: [sqli, dockerfile], scannerRuns: [Self.run("semgrep"), Self.run("dockerfile"), Self.run("secrets")],
            frameworks: [Self.framework])
        #expect(control(coverage, "C3").status == .findings)
        #expect(control(coverage, "C3").fingerprints == [sqli.fingerprint.rawValue])
        #expect(control(coverage, "C3").counts.total == 1)
        #expect(control(coverage, "C3").assessedBy == ["semgrep"])
        #expect(control(coverage, "C2").status == .findings)
        #expect(control(coverage, "C1").status == .clear)
        #expect(coverage.frameworks[0].counts == ["findings": 2, "clear": 1, "not_assessed": 0])
    }

    @Test func aControlIsClearOnlyWhenItsScannerCompleted() {
        let failed = ComplianceCoverage.compute(findings: [], scannerRuns: [Self.run("secrets", .failed)], frameworks: [Self.framework])
        #expect(control(failed, "C1").status == .notAssessed)
        let skipped = ComplianceCoverage.compute(findings: [], scannerRuns: [Self.run("secrets", .skipped)], frameworks: [Self.framework])
        #expect(control(skipped, "C1").status == .notAssessed)
        // A dockerfile run assesses only the rule it is mapped by, here DS001: C2 is clear, C3 stays unassessed.
        let ran = ComplianceCoverage.compute(findings: [], scannerRuns: [Self.run("dockerfile")], frameworks: [Self.framework])
        #expect(control(ran, "C2").status == .clear)
        #expect(control(ran, "C3").status == .notAssessed)
    }

    @Test func suppressedFindingsDoNotCount() {
        var secret = Finding.sample(scanner: "secrets", rule: "aws-access-key")
        secret.suppression = Suppression(source: .config, reason: "test fixture")
        let coverage = ComplianceCoverage.compute(findings: [secret], scannerRuns: [Self.run("secrets")], frameworks: [Self.framework])
        #expect(control(coverage, "C1").status == .clear)
    }

    @Test func cweIdsAreReadInTheirUsualSpellings() {
        #expect(ComplianceControl.cweNumber("CWE-79") == 79)
        #expect(ComplianceControl.cweNumber(" cwe-798 ") == 798)
        #expect(ComplianceControl.cweNumber("CWE-89: SQL Injection") == 89)
        #expect(ComplianceControl.cweNumber("CVE-2021-1234") == nil)
        #expect(ComplianceControl.cweNumber("CWE-") == nil)
    }

    @Test func everyFrameworkHasItsWholeControlList() {
        let expected = ["owasp-top10-2021": 10, "owasp-top10-2025": 10, "cis-controls-v8": 18, "pci-dss-v4": 12, "soc2-2017": 20]
        #expect(Dictionary(uniqueKeysWithValues: ComplianceFramework.all.map { ($0.id, $0.controls.count) }) == expected)
        for framework in ComplianceFramework.all {
            #expect(Set(framework.controls.map(\.id)).count == framework.controls.count, "\(framework.id) repeats a control id")
            #expect(framework.controls.allSatisfy { !$0.name.isEmpty }, "\(framework.id)")
            for control in framework.controls {
                for rule in control.rules {
                    #expect(rule.split(separator: ":").count == 2, "\(framework.id) \(control.id): \(rule)")
                }
            }
        }
        let owasp2025 = ComplianceFramework.named("owasp-top10-2025")!.controls.map(\.name)
        #expect(owasp2025[2] == "Software Supply Chain Failures" && owasp2025[9] == "Mishandling of Exceptional Conditions")
        #expect(ComplianceFramework.named("pci-dss-v4")!.controls[7].name == "Identify Users and Authenticate Access to System Components")
    }
}
