import Foundation
import SecureScanCore
import SecureScanScanners
import Testing
import TestSupport

/// Every DefectDojo sample report of a tool we read, against the finding count DefectDojo's own parser
/// test asserts. Where ours differs the reason is written down: their deduplication rules are not ours.
@Suite struct ReportCorpusTests {
    static let folders: [String: String] = [
        "anchore_grype": "grype", "cyclonedx": "cyclonedx", "bandit": "bandit", "checkov": "checkov", "detect_secrets": "detect-secrets", "gitleaks": "gitleaks",
        "hadolint": "hadolint", "nmap": "nmap", "npm_audit": "npm-audit", "npm_audit_7_plus": "npm-audit", "osv_scanner": "osv-scanner",
        "pip_audit": "pip-audit", "pnpm_audit": "pnpm-audit", "safety": "safety", "semgrep": "semgrep", "trivy": "trivy",
        "trufflehog3": "trufflehog3", "yarn_audit": "yarn-audit", "zap": "zap",
    ]

    /// Files where our count differs from DefectDojo's (or DefectDojo asserts no count), with ours and why.
    static let zapReason = "one finding per alert, URL template and parameter (DAST identity); DefectDojo makes one per alert and lists the URLs as endpoints"

    static let differences: [String: (count: Int?, why: String)] = [
        "anchore_grype/same_cve_different_paths.json": (2, "the same package installed at two paths is two findings (identity includes the location); DefectDojo merges them"),
        "anchore_grype/many_vulns_with_epss_values.json": (15, "DefectDojo's test checks 0 fields, not a count"),
        "nmap/issue12411.xml": (4, "two hosts with ports 80 and 443 open: one finding per host and port; DefectDojo merges equal ports across hosts"),
        "npm_audit/empty_with_error.json": (nil, "npm's error object is a failed audit, not an empty one"),
        "npm_audit/many_vuln_npm7.json": (8, "the npm 7+ layout is detected and read; DefectDojo's npm 6 parser rejects it"),
        "npm_audit_7_plus/one_vuln.json": (2, "two advisories (GHSA-gxpj-cx7g-858c, GHSA-9vvw-cc9w-f27h) against debug are two vulnerabilities; DefectDojo makes one per package"),
        "npm_audit_7_plus/many_vulns.json": (3, "packages vulnerable only through a dependency (`via` names another package) carry that package's advisory, reported once at the vulnerable package; DefectDojo adds one per dependent"),
        "osv_scanner/many_findings.json": (37, "66 records that alias each other (PYSEC, GHSA, CVE of one flaw) are 37 vulnerabilities, grouped as the built-in osv scanner groups them; DefectDojo makes one per record"),
        "semgrep/semgrep_version_1_30_0_line_26.json": (5, "DefectDojo's test checks fingerprints across line moves, not a count"),
        "semgrep/sca-deployments-vulns.json": (nil, "a Semgrep App API export, not semgrep CLI output: refused with a message saying so"),
        "trufflehog3/many_vulns_legacy.json": (14, "14 distinct secrets in 7 files (the same line added or removed in several commits is one); DefectDojo makes one per file and reason"),
        "zap/some_2.9.0.xml": (14, zapReason),
        "zap/0_zap_sample.xml": (10, zapReason),
        "zap/5_zap_sample_one.xml": (3, zapReason),
        "zap/juicy2.xml": (71, zapReason),
        "zap/zap_2.16.1_with_req_resp.xml": (11, zapReason),
        "zap/dvwa_baseline_dojo.xml": (93, zapReason),
    ]

    struct Sample: Sendable, CustomTestStringConvertible {
        var folder: String
        var file: String
        var expected: String
        var testDescription: String { "\(folder)/\(file)" }
    }

    static var samples: [Sample] {
        let text = (try? String(contentsOf: Fixtures.url("reports/defectdojo/EXPECTED_FINDING_COUNTS.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, folders[fields[0]] != nil, fields[0] != "folder" else { return nil }
            return Sample(folder: fields[0], file: fields[1], expected: fields[2])
        }
    }

    /// Parsed, fingerprinted and merged as the pipeline does: what a user sees as findings.
    static func findings(_ folder: String, _ file: String) throws -> (findings: [Finding], report: ParsedReport) {
        let parser = try #require(ReportFormats.named(folders[folder]!))
        let data = try Fixtures.data("reports/defectdojo/\(folder)/\(file)")
        let report = try parser.parse(Array(data), context: ReportContext(source: "\(folder)/\(file)"))
        let findings = Fingerprinter.findings(from: report.observations.findings, scanner: report.scanner ?? parser.scanner,
                                              scanType: parser.scanType, target: "corpus")
        return (FindingMerge.deduplicated(findings), report)
    }

    @Test(arguments: samples)
    func findingCountMatchesDefectDojoOrIsExplained(_ sample: Sample) throws {
        let key = "\(sample.folder)/\(sample.file)"
        if let difference = Self.differences[key], difference.count == nil {
            // DefectDojo expects an error here; so do we, with a message that names the file.
            #expect(throws: ScannersError.self, "\(key): \(difference.why)") { try Self.findings(sample.folder, sample.file) }
            return
        }
        let (findings, report) = try Self.findings(sample.folder, sample.file)
        let declared = ReportFormats.named(Self.folders[sample.folder]!)!.fingerprintKinds
        for draft in report.observations.findings {
            #expect(declared.contains(draft.identity.kind), "\(key): \(draft.identity.kind) is not among the declared \(declared)")
        }
        if let difference = Self.differences[key] {
            #expect(findings.count == difference.count, "\(key): \(difference.why)")
        } else if let expected = Int(sample.expected) {
            #expect(findings.count == expected, "\(key): DefectDojo finds \(expected)")
        } else if sample.expected.hasPrefix(">"), let floor = Int(sample.expected.dropFirst()) {
            #expect(findings.count > floor, "\(key): DefectDojo asserts more than \(floor)")
        } else {
            Issue.record("\(key): DefectDojo asserts no count; list our count and the reason in `differences`")
        }
    }

    @Test func everySupportedSampleIsCovered() {
        #expect(Self.samples.count == 113)
    }
}
