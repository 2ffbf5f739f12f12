import Foundation
import SecureScanCore
@testable import SecureScanScanners
import Testing
import TestSupport

/// The generic SARIF importer on real logs: the spec's and SDK's samples, the SARIF multitool's
/// validator inputs and outputs, trivy's SARIF, and the constructs SARIF producers use.
@Suite struct SARIFImportTests {
    static func files(_ folder: String) -> [String] {
        let root = Fixtures.url("sarif/\(folder)")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".sarif") || path.hasSuffix(".sarif.json") || path.hasSuffix(".sarif.golden") { found.append("\(folder)/\(path)") }
        }
        return found.sorted()
    }

    /// Logs that must import: every sample, every validator output, and every input the validator calls valid.
    static var importable: [String] {
        (files("spec-examples-2.2") + files("sarif-tutorials-samples") + files("trivy")
            + files("sarif-sdk-validate/ExpectedOutputs") + files("sarif-sdk-validate/Inputs").filter { !$0.contains("_Invalid") && !$0.contains("/JSON100") })
    }

    static func parse(_ relative: String) throws -> [ParsedReport] {
        try SARIFReport().parseReports(Array(try Fixtures.data("sarif/\(relative)")), context: ReportContext(source: relative))
    }

    @Test(arguments: importable)
    func importsWithoutError(_ file: String) throws {
        let reports = try Self.parse(file)
        for report in reports {
            for draft in report.observations.findings {
                #expect(!draft.ruleID.isEmpty)
                #expect(!draft.title.isEmpty, "\(file): \(draft.ruleID) has no title")
            }
        }
    }

    @Test func importsEveryLogWeFound() {
        #expect(Self.importable.count > 120)
    }

    /// The validator's invalid inputs break recommendations, not the format: each imports, or fails
    /// with a message that names the place (a broken index, say).
    @Test(arguments: files("sarif-sdk-validate/Inputs").filter { $0.contains("_Invalid") })
    func invalidInputsImportOrNameTheProblem(_ file: String) {
        do {
            _ = try Self.parse(file)
        } catch {
            #expect("\(error)".hasPrefix(file), "\(error)")
            #expect("\(error)".contains("/runs/") || "\(error)".contains("field"), "\(error)")
        }
    }

    /// The SDK's samples are SARIF 2.0.0 and its betas: refused for their version, by name.
    @Test(arguments: files("sarif-sdk-spec-examples"))
    func olderSARIFVersionsAreRefusedByVersion(_ file: String) {
        do {
            _ = try Self.parse(file)
            Issue.record("\(file) imported")
        } catch {
            #expect("\(error)".hasPrefix("\(file): SARIF version 2.0.0"), "\(error)")
        }
    }

    @Test func malformedJSONAndWrongShapesFailWithTheFileName() throws {
        let file = "sarif-sdk-validate/Inputs/JSON1001.SyntaxError.sarif"
        #expect(throws: ScannersError.self) { try Self.parse(file) }
        do { _ = try Self.parse(file) } catch { #expect("\(error)".hasPrefix(file + ": invalid JSON"), "\(error)") }
        // JSON1002's defect is an empty stack frame list, in a part of the log no finding is made of: it imports.
        #expect(try Self.parse("sarif-sdk-validate/Inputs/JSON1002.DeserializationError.sarif").flatMap(\.observations.findings).count == 1)
        let context = ReportContext(source: "x.sarif")
        #expect(throws: ScannersError.invalidReport(source: "x.sarif", reason: "SARIF version 2.0.0 is not supported (this reads 2.1.0 and the 2.2 draft)")) {
            try SARIFReport().parse(Array(#"{"version":"2.0.0","runs":[]}"#.utf8), context: context)
        }
        #expect(throws: ScannersError.invalidReport(source: "x.sarif", reason: "field version is missing: not a SARIF log")) {
            try SARIFReport().parse(Array(#"{"runs":[]}"#.utf8), context: context)
        }
        #expect(throws: ScannersError.invalidReport(source: "x.sarif", reason: "none of its 1 entries could be read; the first: /runs/0/results/0/ruleIndex: 3 points past the 1 rules of t")) {
            try SARIFReport().parse(Array(#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t","rules":[{"id":"A"}]}},"results":[{"ruleIndex":3,"message":{"text":"m"}}]}]}"#.utf8), context: context)
        }
    }

    @Test func suppressionsFollowTheirStatus() throws {
        let drafts = try Self.parse("sarif-tutorials-samples/Suppressions.sarif").flatMap(\.observations.findings)
        // Visible: none, rejected, under review, [under review, rejected]; hidden: in source, external, accepted, and mixes with one accepted.
        #expect(drafts.map { $0.suppression != nil } == [false, true, true, false, true, false, true, true, false])
        #expect(drafts[1].suppression?.source == .inline)
        #expect(drafts[2].suppression?.source == .baseline)
    }

    @Test func uriBaseIDsResolveToRepositoryPaths() throws {
        let drafts = try Self.parse("sarif-tutorials-samples/OriginalUriBaseIds.sarif").flatMap(\.observations.findings)
        #expect(drafts.map { $0.location?.path } == ["README.md", "src/io/kb.c", nil])
    }

    @Test func trivySARIFKeepsSecuritySeverityAndTool() throws {
        let reports = try Self.parse("trivy/alpine-310.sarif.golden")
        #expect(reports.count == 1)
        #expect(reports[0].scanner == "trivy")
        let drafts = reports[0].observations.findings
        #expect(drafts.count == 4)
        // security-severity 5.3 is medium, whatever the level says.
        #expect(drafts.first { $0.ruleID == "CVE-2019-1549" }?.severity == .medium)
    }

    @Test func rulesInExtensionsMessageArgumentsAndCWETags() throws {
        let log = #"""
        {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL","version":"2.19.0","rules":[]},
          "extensions":[{"name":"codeql/python-queries","rules":[
            {"id":"py/sql-injection","shortDescription":{"text":"SQL query built from user-controlled sources"},
             "messageStrings":{"default":{"text":"This query depends on {0}."}},
             "properties":{"tags":["security","external/cwe/cwe-089"],"security-severity":"8.8"}}]}]},
          "originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///home/ci/work/"}},
          "results":[{"rule":{"id":"py/sql-injection","index":0,"toolComponent":{"index":1}},
                      "message":{"id":"default","arguments":["a user-provided value"]},
                      "locations":[{"physicalLocation":{"artifactLocation":{"uri":"app/db.py","uriBaseId":"%SRCROOT%"},
                        "region":{"startLine":12,"snippet":{"text":"cursor.execute(q)"}}}}],
                      "partialFingerprints":{"primaryLocationLineHash":"abc:1"}}]}]}
        """#
        let reports = try SARIFReport().parseReports(Array(log.utf8), context: ReportContext(source: "codeql.sarif", foreignRoots: ["/home/ci/work"]))
        let draft = try #require(reports.first?.observations.findings.first)
        #expect(reports.first?.scanner == "codeql")
        #expect(reports.first?.toolVersion == "2.19.0")
        #expect(draft.ruleID == "py/sql-injection")
        #expect(draft.severity == .high)
        #expect(draft.cwes == ["CWE-89"])
        #expect(draft.description.hasPrefix("This query depends on a user-provided value."))
        #expect(draft.location == Location(path: "app/db.py", startLine: 12))
        #expect(draft.identity == .code(family: "codeql", text: "cursor.execute(q)"))
        #expect(draft.properties["partial_fingerprint"] == "primaryLocationLineHash=abc:1")
    }

    @Test func aLogWithSeveralToolsIsOneReportPerTool() throws {
        let log = #"""
        {"version":"2.1.0","runs":[
          {"tool":{"driver":{"name":"Semgrep OSS","semanticVersion":"1.185.0"}},"results":[{"ruleId":"r1","level":"error","message":{"text":"a"}}]},
          {"tool":{"driver":{"name":"Gosec"}},"results":[{"ruleId":"G101","message":{"text":"b"},"suppressions":[{"kind":"inSource","justification":"test key"}]}]},
          {"tool":{"driver":{"name":"semgrep"}},"results":[{"ruleId":"r2","level":"note","message":{"text":"c"}}]}]}
        """#
        let reports = try SARIFReport().parseReports(Array(log.utf8), context: ReportContext(source: "multi.sarif"))
        #expect(reports.map(\.scanner) == ["semgrep", "gosec"])
        #expect(reports[0].observations.findings.map(\.ruleID) == ["r1", "r2"])
        #expect(reports[0].observations.findings.map(\.severity) == [.high, .low])
        #expect(reports[0].toolVersion == "1.185.0")
        #expect(reports[1].observations.findings.first?.suppression == Suppression(source: .inline, reason: "test key"))
    }

    /// A log's driver that names an external tool we run is stored under that tool's id, from the registry;
    /// the longer id wins where one contains another (`pnpm-audit`, `npm-audit`).
    @Test func driversThatNameAToolAreStoredUnderItsID() {
        for scanner in Scanners.all where scanner is any ExternalToolAdapter {
            #expect(SARIFReport.scannerID(for: scanner.id) == scanner.id, "\(scanner.id)")
        }
        #expect(SARIFReport.scannerID(for: "Semgrep OSS") == "semgrep")
        #expect(SARIFReport.scannerID(for: "pnpm-audit") == "pnpm-audit")
        #expect(SARIFReport.scannerID(for: "SecureScan") == "sarif-securescan")
        #expect(SARIFReport.scannerID(for: "CodeQL Command-Line Toolchain") == "codeql-command-line-toolchain")
        #expect(!SARIFReport.knownTools.contains("secrets"), "a built-in scanner's id never captures a driver name")
    }
}
