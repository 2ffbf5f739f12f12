import Foundation
import Testing
import TestSupport
@testable import SecureScanCore

/// OSV matching on real GHSA, PYSEC and Go advisories (`fixtures/osv/`), with expectations worked out by
/// hand from each record's ranges: boundaries (introduced, fixed, last_affected), pre-releases, `versions`
/// lists, alias merging, severity and remediation.
@Suite struct AdvisoryMatchingTests {
    static func records(_ paths: [String]) throws -> [OSVRecord] {
        try paths.map { try JSONDecoder().decode(OSVRecord.self, from: Fixtures.data("osv/" + $0)) }
    }

    static let requests = [
        "pypa-advisory-database/json/requests/PYSEC-2014-13.json", "pypa-advisory-database/json/requests/PYSEC-2014-14.json",
        "pypa-advisory-database/json/requests/PYSEC-2015-17.json", "pypa-advisory-database/json/requests/PYSEC-2018-28.json",
        "pypa-advisory-database/json/requests/PYSEC-2023-74.json", "github-advisory-database/pypi/GHSA-j8r2-6x86-q33q.json",
    ]
    static let lodash = [
        "github-advisory-database/npm/GHSA-29mw-wpgm-hmr9.json", "github-advisory-database/npm/GHSA-35jh-r3h4-6jhm.json",
        "github-advisory-database/npm/GHSA-jf85-cpcp-j695.json",
    ]

    /// The findings for `name@version` in `ecosystem` from these records, as advisory ids.
    static func match(_ name: String, _ version: String, ecosystem: String, in paths: [String]) throws -> [Finding.Draft] {
        let component = Component(
            name: name, version: version, purl: "pkg:x/\(name)@\(version)", ecosystem: ecosystem, manifestPath: "lock")
        let key = OSVPackageKey.make(ecosystem: ecosystem, name: name)
        let matches = try records(paths).filter { $0.withdrawn == nil }.compactMap { record -> AdvisoryFindings.Match? in
            let entries = record.affected.filter {
                guard let package = $0.package, OSVPackageKey.make(ecosystem: package.ecosystem, name: package.name) == key else { return false }
                return AdvisoryMatcher.verdict($0, version: version, ecosystem: ecosystem) == .affected
            }
            return entries.isEmpty ? nil : AdvisoryFindings.Match(record: record, entries: entries)
        }
        return AdvisoryFindings.findings(for: component, matches: matches)
    }

    @Test(arguments: [
        ("2.25.0", ["CVE-2023-32681"]),
        ("2.31.0", []),                                    // exactly the fixed version
        ("2.30.0", ["CVE-2023-32681"]),
        ("2.31.0rc1", ["CVE-2023-32681"]),                 // a pre-release of the fix is still before it
        ("2.3.0", ["CVE-2015-2296", "CVE-2018-18074", "CVE-2023-32681"]), // introduced boundary; 2014 fixes exclude it
        ("2.2.1", ["CVE-2014-1829", "CVE-2014-1830", "CVE-2015-2296", "CVE-2018-18074"]),
        ("2.20.0", ["CVE-2023-32681"]),
    ])
    func requestsVersionsMatchTheirAdvisories(version: String, expected: [String]) throws {
        #expect(try Self.match("requests", version, ecosystem: "PyPI", in: Self.requests).map(\.ruleID) == expected)
    }

    @Test func aliasedRecordsAreOneFindingWithTheCVEAsItsId() throws {
        let findings = try Self.match("Requests", "2.25.0", ecosystem: "PyPI", in: Self.requests)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.aliases == ["GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"])
        #expect(finding.severity == .medium)
        #expect(finding.properties["cvss_vector"] == "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N")
        #expect(finding.properties["cvss_score"] == "6.1") // GitHub rates it 6.1 (moderate) too
        #expect(finding.properties["fixed_version"] == "2.31.0")
        #expect(finding.remediation == "Upgrade Requests to 2.31.0 or later.")
        #expect(finding.identity == .dependency(ecosystem: "PyPI", package: "Requests", manifestPath: "lock", advisory: "CVE-2023-32681"))
    }

    @Test func lodashRangesAndLastAffectedBounds() throws {
        let findings = try Self.match("lodash", "4.17.20", ecosystem: "npm", in: Self.lodash)
        #expect(findings.map(\.ruleID) == ["CVE-2020-28500", "CVE-2021-23337"])
        #expect(findings.map(\.severity) == [.medium, .high])
        #expect(try Self.match("lodash", "4.17.11", ecosystem: "npm", in: Self.lodash).map(\.ruleID) == ["CVE-2019-10744", "CVE-2020-28500", "CVE-2021-23337"])
        #expect(try Self.match("lodash", "4.17.11", ecosystem: "npm", in: Self.lodash).first?.severity == .critical)
        // last_affected is inclusive.
        #expect(try Self.match("lodash.trim", "4.5.1", ecosystem: "npm", in: Self.lodash).map(\.ruleID) == ["CVE-2020-28500"])
        #expect(try Self.match("lodash.trim", "4.5.2", ecosystem: "npm", in: Self.lodash).isEmpty)
        // The package name must match exactly: lodash-es is another package.
        #expect(try Self.match("lodash-es", "4.17.13", ecosystem: "npm", in: Self.lodash).map(\.ruleID) == ["CVE-2019-10744", "CVE-2020-28500", "CVE-2021-23337"])
    }

    @Test(arguments: [("2.14.1", true, "2.15.0"), ("2.15.0", false, ""), ("2.12.2", false, ""), ("2.12.1", true, "2.12.2"),
                      ("2.0-beta9", true, "2.3.1"), ("2.0-beta8", false, ""), ("2.0", true, "2.3.1"), ("2.3.1", false, "")])
    func log4jMavenRanges(version: String, affected: Bool, fix: String) throws {
        let findings = try Self.match("org.apache.logging.log4j:log4j-core", version, ecosystem: "Maven",
                                      in: ["github-advisory-database/maven/GHSA-jfh8-c2jp-5v3q.json"])
        #expect(findings.map(\.ruleID) == (affected ? ["CVE-2021-44228"] : []))
        if affected {
            #expect(findings.first?.severity == .critical)
            #expect(findings.first?.properties["fixed_version"] == fix)
        }
    }

    @Test func unorderedEventListsAreSortedBeforeEvaluation() throws {
        let path = ["ghsa-to-osv-golden/maven_greater_than.osv.json"]
        for (version, affected) in [("12.5", true), ("12.7", false), ("12.10.1", true), ("11.10.13", false), ("11.6.1", true), ("11.6", false)] {
            let findings = try Self.match("org.xwiki.commons:xwiki-commons-core", version, ecosystem: "Maven", in: path)
            #expect(findings.isEmpty != affected, "\(version)")
        }
    }

    @Test func withdrawnAdvisoriesNeverMatch() throws {
        #expect(try Self.match("activesupport", "4.2.1", ecosystem: "RubyGems", in: ["ghsa-to-osv-golden/withdrawn.osv.json"]).isEmpty)
    }

    @Test func versionsListsMatchExactly() throws {
        let path = ["osv-linter-testdata/MAL-2024-10238.json"]
        #expect(try Self.match("123bla", "0.0.1", ecosystem: "PyPI", in: path).map(\.ruleID) == ["MAL-2024-10238"])
        #expect(try Self.match("123bla", "0.0.2", ecosystem: "PyPI", in: path).isEmpty)
    }

    @Test func goModulesAndTheStandardLibraryUseSemverWithTheirVPrefix() throws {
        let gin = ["osv-linter-testdata/GO-2020-0001.json"]
        #expect(try Self.match("github.com/gin-gonic/gin", "v1.5.0", ecosystem: "Go", in: gin).map(\.ruleID) == ["CVE-2020-36567"])
        #expect(try Self.match("github.com/gin-gonic/gin", "v1.6.0", ecosystem: "Go", in: gin).isEmpty)
        #expect(try Self.match("github.com/gin-gonic/gin", "v0.0.0-20190301021747-ccb9e902956d", ecosystem: "Go", in: gin).count == 1)
        let stdlib = ["osv-linter-testdata/GO-2024-2963.json"]
        #expect(try Self.match("stdlib", "v1.21.11", ecosystem: "Go", in: stdlib).count == 1)
        #expect(try Self.match("stdlib", "v1.21.12", ecosystem: "Go", in: stdlib).isEmpty)
        #expect(try Self.match("stdlib", "v1.22.0-rc.1", ecosystem: "Go", in: stdlib).count == 1)
        #expect(try Self.match("stdlib", "v1.22.5", ecosystem: "Go", in: stdlib).isEmpty)
    }

    @Test func gitRangesAreNotEvaluatedButTheEcosystemRangeIs() throws {
        let record = try #require(try Self.records(["pypa-advisory-database/json/requests/PYSEC-2018-28.json"]).first)
        let entry = try #require(record.affected.first)
        #expect(AdvisoryMatcher.verdict(entry, version: "2.19.0", ecosystem: "PyPI") == .affected)
        let gitOnly = OSVRecord.Affected(package: entry.package, ranges: entry.ranges.filter { $0.type == "GIT" })
        if case .undetermined(let reason) = AdvisoryMatcher.verdict(gitOnly, version: "2.19.0", ecosystem: "PyPI") {
            #expect(reason.contains("GIT"))
        } else {
            Issue.record("a GIT-only entry must be undetermined")
        }
    }

    @Test func severityFallsBackToTheDatabaseRatingThenMedium() {
        let base = OSVRecord(id: "X-1", modified: "2024-01-01T00:00:00Z")
        var rated = base
        rated.databaseSeverity = "HIGH"
        #expect(AdvisoryFindings.rating([rated]).severity == .high)
        #expect(AdvisoryFindings.rating([rated]).source == "database")
        #expect(AdvisoryFindings.rating([base]).severity == .medium)
        var v4 = base
        v4.severity = [OSVRecord.Severity(type: "CVSS_V4", score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
        #expect(AdvisoryFindings.rating([v4]).cvss?.score == 9.3)
    }

    @Test func theCanonicalIdPrefersCVEThenGHSA() {
        #expect(AdvisoryFindings.canonicalID(["PYSEC-2023-74", "GHSA-j8r2-6x86-q33q", "CVE-2023-32681"]) == "CVE-2023-32681")
        #expect(AdvisoryFindings.canonicalID(["PYSEC-2023-74", "GHSA-j8r2-6x86-q33q"]) == "GHSA-j8r2-6x86-q33q")
        #expect(AdvisoryFindings.canonicalID(["PYSEC-2023-74", "OSV-2023-1"]) == "OSV-2023-1")
    }
}
