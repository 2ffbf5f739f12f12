import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// Real reports with entries bent out of their format, as tools write them: every valid entry is kept,
/// each broken one is skipped and named by its JSON pointer and what is wrong, and a report of which
/// nothing can be read is still an error.
@Suite struct PartlyMalformedReportTests {
    /// A fixture report, changed by `edit`, as bytes.
    static func bent(_ fixture: String, _ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        var object = try JSONSerialization.jsonObject(with: Fixtures.data(fixture)) as! [String: Any]
        edit(&object)
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    static func parse(_ format: String, _ bytes: [UInt8]) throws -> ParsedReport {
        let parser = try #require(ReportFormats.named(format))
        return try parser.parse(bytes, context: ReportContext(source: "report.json"))
    }

    /// Sets `results[index]` of run 0 through `edit`.
    static func editResult(_ object: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) {
        var runs = object["runs"] as! [[String: Any]]
        var results = runs[0]["results"] as! [[String: Any]]
        edit(&results[index])
        runs[0]["results"] = results
        object["runs"] = runs
    }

    @Test func aSARIFResultWithoutMessageOrWithNumericFingerprintsIsSkippedAndTheRestKept() throws {
        let fixture = "sarif/trivy/alpine-310.sarif.golden"
        let whole = try Self.parse("sarif", Array(try Fixtures.data(fixture)))
        let bytes = try Self.bent(fixture) { object in
            Self.editResult(&object, 1) { $0["message"] = nil }
            Self.editResult(&object, 3) { $0["fingerprints"] = ["primaryLocationLineHash": 42] }
        }
        let report = try Self.parse("sarif", bytes)
        #expect(report.observations.findings.count == whole.observations.findings.count - 2)
        #expect(report.observations.skipped == [
            "/runs/0/results/1/message: is missing, and the format requires it",
            "/runs/0/results/3/fingerprints/primaryLocationLineHash: must be a string",
        ])
        #expect(report.observations.skippedNote?.hasPrefix("2 entries of the report skipped for breaking its format, the rest read: /runs/0/results/1/message") == true)
        // The findings kept are exactly the whole report's others.
        let kept = Set(report.observations.findings.map { "\($0.ruleID) \($0.location?.display ?? "")" })
        #expect(kept.isSubset(of: Set(whole.observations.findings.map { "\($0.ruleID) \($0.location?.display ?? "")" })))
    }

    @Test func aRuleIndexPastTheRulesSkipsThatResultOnly() throws {
        let bytes = try Self.bent("sarif/trivy/alpine-310.sarif.golden") { object in
            Self.editResult(&object, 0) { $0["ruleIndex"] = 999 }
        }
        let report = try Self.parse("sarif", bytes)
        #expect(report.observations.skipped.count == 1)
        #expect(report.observations.skipped[0].hasPrefix("/runs/0/results/0/ruleIndex: 999 points past the"))
    }

    @Test func aReportOfWhichNothingCanBeReadIsStillAnError() throws {
        let bytes = try Self.bent("sarif/trivy/alpine-310.sarif.golden") { object in
            var runs = object["runs"] as! [[String: Any]]
            runs[0]["results"] = (runs[0]["results"] as! [[String: Any]]).map { result in result.filter { $0.key != "message" } }
            object["runs"] = runs
        }
        #expect {
            try Self.parse("sarif", bytes)
        } throws: { error in
            "\(error)".contains("none of its") && "\(error)".contains("/runs/0/results/0/message: is missing")
        }
    }

    @Test func everyJSONImporterKeepsTheGoodEntries() throws {
        // bandit: a result without its test id.
        let bandit = try Self.parse("bandit", try Self.bent("reports/defectdojo/bandit/many_vulns.json") { object in
            var results = object["results"] as! [[String: Any]]
            results[5]["test_id"] = nil
            results[9]["line_number"] = "twelve"
            object["results"] = results
        })
        #expect(bandit.observations.skipped == ["/results/5/test_id: is missing, and the format requires it", "/results/9/line_number: must be a number"])
        #expect(bandit.observations.findings.count == 212)

        // trivy: one vulnerability without its id, in a report of three results.
        let trivy = try Self.parse("trivy", try Self.bent("reports/defectdojo/trivy/scheme_2_many_vulns.json") { object in
            var results = object["Results"] as! [[String: Any]]
            var vulnerabilities = results[0]["Vulnerabilities"] as! [[String: Any]]
            vulnerabilities[1]["VulnerabilityID"] = nil
            results[0]["Vulnerabilities"] = vulnerabilities
            object["Results"] = results
        })
        #expect(trivy.observations.skipped == ["/Results/0/Vulnerabilities/1/VulnerabilityID: is missing, and the format requires it"])
        #expect(trivy.observations.findings.count == 4)

        // gitleaks: a leak without a file.
        let leaks = "[{\"RuleID\":\"aws-access-token\",\"File\":\"a.env\",\"StartLine\":1,\"Secret\":\"AKIAIOSFODNN7EXAMPLE\"},{\"RuleID\":\"x\",\"StartLine\":2}]"
        let gitleaks = try Self.parse("gitleaks", Array(leaks.utf8))
        #expect(gitleaks.observations.skipped == ["/1/File: is missing, and the format requires it"])
        #expect(gitleaks.observations.findings.count == 1)

        // yarn audit: a line that is not JSON among advisory lines.
        let lines = String(decoding: try Fixtures.data("reports/defectdojo/yarn_audit/yarn_audit_many_vul.json"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let yarn = try Self.parse("yarn-audit", Array((lines.prefix(3) + ["{\"type\": \"auditAdvisory\", \"data\": "] + lines.dropFirst(3)).joined(separator: "\n").utf8))
        #expect(yarn.observations.skipped == ["line 4: not JSON"])
        #expect(yarn.observations.findings.count == (try Self.parse("yarn-audit", Array(lines.joined(separator: "\n").utf8))).observations.findings.count)
    }
}
