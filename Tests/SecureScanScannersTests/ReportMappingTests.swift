import Foundation
import SecureScanCore
import Testing
import TestSupport
@testable import SecureScanScanners

/// What each report parser makes of the fields that matter: severity, rule, CWE, aliases, location,
/// remediation, references, and secrets that never leave the parser in clear.
@Suite struct ReportMappingTests {
    func parse(_ format: String, _ file: String, root: String? = nil) throws -> ParsedReport {
        let parser = try #require(ReportFormats.named(format))
        return try parser.parse(Array(try Fixtures.data("reports/defectdojo/\(file)")), context: ReportContext(source: file, root: root))
    }

    @Test func semgrepCWEStringsReferencesAndSeverities() throws {
        let draft = try #require(try parse("semgrep", "semgrep/cwe_list.json").observations.findings.first)
        #expect(draft.cwes == ["CWE-352"])
        #expect(draft.references.contains("https://sg.run/BxzR"))
        #expect(draft.properties["owasp"]?.contains("A01:2021") == true)
        #expect(try parse("semgrep", "semgrep/high-medium-low-severities.json").observations.findings.allSatisfy { $0.severity == .low })
        #expect(SemgrepReport.severity("ERROR") == .high && SemgrepReport.severity("WARNING") == .medium && SemgrepReport.severity("INFO") == .low)
    }

    @Test func banditRuleLineAndFlaggedCode() throws {
        let draft = try #require(try parse("bandit", "bandit/one_vuln.json").observations.findings.first)
        #expect(draft.ruleID == "B101")
        #expect(draft.severity == .low)
        #expect(draft.location == Location(path: "one/one.py", startLine: 2))
        #expect(draft.identity == .code(family: "bandit", text: "assert False"))
        #expect(draft.references == ["https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html"])
        #expect(draft.properties["confidence"] == "high")
    }

    @Test func gitleaksSecretsAreDigestedAndRedacted() throws {
        let report = try parse("gitleaks", "gitleaks/gitleaks8_many.json")
        #expect(report.observations.sensitiveValues.contains("secretAWSsecret"))
        for draft in report.observations.findings {
            let text = [draft.title, draft.description, draft.evidence ?? "", draft.remediation ?? ""] + draft.properties.values
            #expect(!text.joined().contains("secretAWSsecret"))
            guard case .secret(let digest) = draft.identity else { Issue.record("not a secret identity"); continue }
            #expect(digest.count == 64)
        }
        let aws = try #require(report.observations.findings.first)
        #expect(aws.location?.path == "conf/aws.tf")
        #expect(aws.properties["redacted"] == Redaction.redact("secretAWSsecret"))
        #expect(aws.cwes == ["CWE-798"])
        // v7 names become ids.
        #expect(try parse("gitleaks", "gitleaks/data_one.json").observations.findings.first?.ruleID == "asymmetric-private-key")
    }

    @Test func trivyVulnerabilitiesMisconfigurationsAndSecrets() throws {
        let drafts = try parse("trivy", "trivy/misconfigurations_and_secrets.json").observations.findings
        let urllib3 = try #require(drafts.first { $0.ruleID == "CVE-2021-33503" })
        #expect(urllib3.identity == .dependency(ecosystem: "PyPI", package: "urllib3", manifestPath: "requirements.txt", advisory: "CVE-2021-33503"))
        #expect(urllib3.severity == .high)
        #expect(urllib3.cwes == ["CWE-400"])
        #expect(urllib3.remediation == "Upgrade urllib3 to 1.26.5 or later.")
        #expect(urllib3.properties["cvss_score"] == "7.5")
        let user = try #require(drafts.first { $0.ruleID == "DS002" })
        #expect(user.scanType == .iac)
        #expect(user.remediation == "Add 'USER <non root user name>' line to the Dockerfile")
        let pat = try #require(drafts.first { $0.ruleID == "github-pat" })
        #expect(pat.severity == .critical)
        #expect(pat.location == Location(path: "Dockerfile", startLine: 24))
        #expect(pat.evidence == "ENV GITHUB_PAT=*****")
    }

    @Test func npmAuditAdvisoriesAreCanonicalizedToCVEAndGHSA() throws {
        let v6 = try #require(try parse("npm-audit", "npm_audit/one_vuln.json").observations.findings.first)
        #expect(v6.ruleID == "CVE-2017-16042")
        #expect(v6.aliases == ["NPM-146"])
        #expect(v6.severity == .critical)
        #expect(v6.cwes == ["CWE-94"])
        #expect(v6.remediation == "Update to version 1.10.2 or later.")
        let v7 = try parse("npm-audit", "npm_audit_7_plus/one_vuln.json").observations.findings
        #expect(v7.map(\.ruleID).sorted() == ["GHSA-9vvw-cc9w-f27h", "GHSA-gxpj-cx7g-858c"])
        #expect(Set(v7.map(\.severity)) == [.medium, .high])
        #expect(v7.allSatisfy { $0.remediation == "Upgrade express to 4.18.3, which no longer depends on a vulnerable debug." })
    }

    @Test func pipAuditFixVersionsAndOSVScannerAliasGroups() throws {
        let aiohttp = try #require(try parse("pip-audit", "pip_audit/many_vulns.json").observations.findings.first { $0.ruleID == "PYSEC-2021-76" })
        #expect(aiohttp.remediation == "Upgrade aiohttp to 3.7.4 or later.")
        #expect(aiohttp.identity == .dependency(ecosystem: "PyPI", package: "aiohttp", manifestPath: "", advisory: "PYSEC-2021-76"))
        let malware = try #require(try parse("osv-scanner", "osv_scanner/some_findings.json").observations.findings.first)
        #expect(malware.ruleID == "GHSA-8348-2q94-ffjx")
        #expect(malware.aliases == ["MAL-2023-1035"])
        #expect(malware.location?.path == "tmp/components/yarn.lock")
    }

    @Test func grypeAndCheckovAndHadolint() throws {
        let grype = try #require(try parse("grype", "anchore_grype/fix_available.json").observations.findings.first { $0.ruleID == "CVE-2009-3882" })
        #expect(grype.severity == .high)
        #expect(grype.remediation == "Upgrade java to 1.2.3 or later.")
        let checkov = try #require(try parse("checkov", "checkov/checkov-report-1-vuln.json").observations.findings.first)
        #expect(checkov.identity == .iac(resource: "azurerm_key_vault.main"))
        #expect(checkov.location == Location(path: "file_path", startLine: 1, endLine: 16))
        #expect(checkov.references == ["https://docs.bridgecrew.io/docs/ensure-the-key-vault-is-recoverable"])
        let hadolint = try parse("hadolint", "hadolint/one_dockerfile.json").observations.findings
        #expect(hadolint.first?.location == Location(path: "django-DefectDojo/Dockerfile.django", startLine: 9, startColumn: 1))
        #expect(hadolint.first { $0.ruleID == "DL3008" }?.severity == .medium)
        #expect(hadolint.first { $0.ruleID == "DL3015" }?.severity == .low)
    }

    @Test func nmapPortsRiskAndVulnersCVEs() throws {
        let drafts = try parse("nmap", "nmap/nmap_script_vulners.xml").observations.findings
        let port = try #require(drafts.first { $0.ruleID == "open-port" })
        #expect(port.identity == .network(host: port.properties["host"]!, port: 5022, transport: "tcp"))
        #expect(port.properties["product"] == "OpenSSH 7.4")
        #expect(drafts.filter { $0.ruleID.hasPrefix("CVE-") }.map(\.ruleID).sorted() == ["CVE-2017-15906", "CVE-2018-15919"])
        #expect(drafts.filter { $0.ruleID.hasPrefix("CVE-") }.allSatisfy { $0.severity == .medium })
        #expect(NmapPortRisk.classify(port: 6379, transport: "tcp", service: "redis", tunnel: nil).severity == .high)
        #expect(NmapPortRisk.classify(port: 23, transport: "tcp", service: "", tunnel: nil).rule == "cleartext-telnet")
        #expect(NmapPortRisk.classify(port: 389, transport: "tcp", service: "ldap", tunnel: "ssl").rule == "open-port")
    }

    @Test func zapAlertsAreKeptPerURLTemplate() throws {
        #expect(ZAPReport.template("https://Shop.example:8443/items/42/reviews/9f8c1a2e-3b4d-4c5e-8f90-1234567890ab?x=1")
            == "https://shop.example:8443/items/{id}/reviews/{id}")
        let drafts = try parse("zap", "zap/zap-xml-plus-format.xml").observations.findings
        let put = try #require(drafts.first)
        #expect(put.title.hasPrefix("Insecure HTTP Method - PUT"))
        #expect(put.severity == .medium)
        #expect(put.scanType == .dast)
        #expect(!put.description.contains("<p>"))
    }

    @Test func reportPathsBecomeTargetRelative() {
        let context = ReportContext(source: "r", root: "/work/app", foreignRoots: ["/src"])
        #expect(context.relative("/work/app/lib/a.py") == "lib/a.py")
        #expect(context.relative("file:///work/app/lib/a%20b.py") == "lib/a b.py")
        #expect(context.relative("/src/lib/a.py") == "lib/a.py")
        #expect(context.relative("C:\\build\\lib\\a.py") == "build/lib/a.py")
        #expect(context.relative("./lib//a.py") == "lib/a.py")
        #expect(context.relative("lib/100%25.py") == "lib/100%25.py", "a plain path is not a URI")
        #expect(context.path(ofURI: "lib/a%20b.py") == "lib/a b.py")
        #expect(ReportValues.cwe("CWE-89: Improper Neutralization") == "CWE-89")
        #expect(ReportValues.cwe("cwe-079") == "CWE-79")
        #expect(ReportValues.cwe("none") == nil)
        #expect(ExternalTool.version(in: "semgrep 1.185.0\n") == "1.185.0")
        #expect(ExternalTool.version(in: "Version: v0.76.0\nVulnerability DB: …") == "0.76.0")
        #expect(ExternalTool.version(in: "Nmap version 7.93 ( https://nmap.org )") == "7.93")
    }

    /// No real safety 2.x or 3.x report is in the corpus (safety cannot reach its database here): these are
    /// minimal documents in the layouts safety documents, with the deprecation banner safety 3 prints around `check`.
    @Test func safetyTwoAndThreeLayouts() throws {
        let two = """
        +==============================================================================+
        DEPRECATED: this command (`check`) has been DEPRECATED, and will be unsupported beyond 01 June 2024.
        +==============================================================================+
        {
            "report_meta": {"safety_version": "3.8.1", "vulnerabilities_found": 1},
            "vulnerabilities": [{"vulnerability_id": "51457", "package_name": "Py", "analyzed_version": "1.11.0",
                "vulnerable_spec": ["<=1.11.0"], "advisory": "Py throughout 1.11.0 allows remote attackers to conduct a ReDoS.",
                "CVE": "CVE-2022-42969", "severity": {"cvssv3": {"base_score": 7.5, "base_severity": "HIGH"}},
                "fixed_versions": [], "more_info_url": "https://data.safetycli.com/v/51457/f17"}]
        }
        +==============================================================================+
        """
        let report = try SafetyReport().parse(Array(two.utf8), context: ReportContext(source: "safety.json", manifest: "requirements.txt"))
        let draft = try #require(report.observations.findings.first)
        #expect(report.toolVersion == "3.8.1")
        #expect(draft.ruleID == "CVE-2022-42969")
        #expect(draft.aliases == ["PYUP-51457"])
        #expect(draft.severity == .high)
        #expect(draft.identity == .dependency(ecosystem: "PyPI", package: "py", manifestPath: "requirements.txt", advisory: "CVE-2022-42969"))
        let three = #"""
        {"meta": {"telemetry": {"safety_version": "3.2.4"}}, "scan_results": {"projects": [{"files": [{"location": "app/requirements.txt",
          "results": {"dependencies": [{"name": "jinja2", "specifications": [{"raw": "jinja2==2.10",
            "vulnerabilities": {"known_vulnerabilities": [{"id": "70612", "vulnerable_spec": "<3.1.3"}],
                                "remediation": {"recommended": "3.1.4"}}}]}]}}]}]}}
        """#
        let scan = try SafetyReport().parse(Array(three.utf8), context: ReportContext(source: "scan.json"))
        let jinja = try #require(scan.observations.findings.first)
        #expect(scan.toolVersion == "3.2.4")
        #expect(jinja.identity == .dependency(ecosystem: "PyPI", package: "jinja2", manifestPath: "app/requirements.txt", advisory: "PYUP-70612"))
        #expect(jinja.remediation == "Upgrade jinja2 to 3.1.4 or later.")
        #expect(jinja.properties["installed_version"] == "2.10")
        #expect(throws: ScannersError.self) { try SafetyReport().parse(Array(#"{"report_meta": {}}"#.utf8), context: ReportContext(source: "x")) }
    }

    @Test func cycloneDXVulnerabilitiesComponentsAndVEX() throws {
        let log4j = try parse("cyclonedx", "cyclonedx/log4j.json")
        let critical = try #require(log4j.observations.findings.first { $0.ruleID == "CVE-2021-44228" })
        #expect(critical.severity == .critical)
        #expect(critical.properties["cvss_score"] == "10.0")
        #expect(log4j.observations.components.contains { $0.name == "org.apache.logging.log4j:log4j-core" && $0.ecosystem == "Maven" })
        // The 1.0 vulnerability extension inside XML components (grype 0.x): 381 findings as DefectDojo counts.
        let legacy = try parse("cyclonedx", "cyclonedx/dd_1_15_0.xml")
        #expect(legacy.observations.findings.count == 381)
        #expect(legacy.observations.findings.first { $0.ruleID == "CVE-2011-3374" }?.severity == .low)
        let vex = #"""
        {"bomFormat": "CycloneDX", "specVersion": "1.6",
         "components": [{"bom-ref": "pkg:pypi/jinja2@2.10", "type": "library", "name": "jinja2", "version": "2.10", "purl": "pkg:pypi/jinja2@2.10"}],
         "vulnerabilities": [{"id": "CVE-2019-10906", "ratings": [{"severity": "high"}], "affects": [{"ref": "pkg:pypi/jinja2@2.10"}],
                              "analysis": {"state": "not_affected", "justification": "code_not_reachable"}}]}
        """#
        let cleared = try #require(try CycloneDXReport().parse(Array(vex.utf8), context: ReportContext(source: "vex.json")).observations.findings.first)
        #expect(cleared.identity == .dependency(ecosystem: "PyPI", package: "jinja2", manifestPath: "", advisory: "CVE-2019-10906"))
        #expect(cleared.suppression == Suppression(source: .baseline, reason: "VEX analysis: not_affected (code_not_reachable)"))
    }

    @Test func theRegistriesAreConsistent() async {
        #expect(Set(Scanners.ids).count == Scanners.ids.count)
        #expect(Set(ReportFormats.names).count == ReportFormats.names.count)
        #expect(Scanners.builtIn.map(\.id) == ["secrets", "git-history", "dockerfile", "dependencies", "osv", "licenses", "git-hygiene", "builtin_dast", "host-baseline"])
        // Run only when named: the online auditors, the history scanner (`scan --history`) and the site
        // scanner (`--target-url`).
        let online: Set = ["pip-audit", "safety", "npm-audit", "yarn-audit", "pnpm-audit", "osv-scanner", "grype"]
        #expect(Set(Scanners.all.filter { !$0.runsByDefault }.map(\.id)) == online.union(["git-history", "builtin_dast", "host-baseline"]))
        // Asking for a scan type (an API scan's scan_types) never pulls in the online auditors either.
        let dependency = Scanners.defaultSelection(from: Scanners.all, types: [.dependency]).map(\.id)
        #expect(dependency == ["dependencies", "osv", "licenses", "trivy", "syft"])
        for scanner in Scanners.all where !scanner.isBuiltIn {
            // Every external tool's report can also be imported, under the same scanner id and kinds.
            let parser = ReportFormats.all.first { $0.scanner == scanner.id }
            if scanner.id != "zap" { #expect(parser?.fingerprintKinds == scanner.fingerprintKinds, "\(scanner.id)") }
            if let plan = scanner.installPlan { #expect(plan.manager == .apt || plan.version != nil, "\(scanner.id): pip plans are pinned") }
        }
    }
}
