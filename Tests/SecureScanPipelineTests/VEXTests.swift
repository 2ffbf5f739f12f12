import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanStore

/// VEX out (`vex.openvex.json`, CycloneDX `analysis`) and in (`--vex`, config `vex:`): the demo project's
/// real advisories, triage `not_affected` with a justification, documents in both formats and versions,
/// stale statements, and bad documents refused with their path and JSON pointer or line.
@Suite struct VEXTests {
    static let now = Date(timeIntervalSince1970: 1_764_374_400)

    static func scan(output: URL, database: URL, vex: [String] = [], targetName: String? = nil) async throws -> ScanOutcome {
        var request = ScanRequest(
            path: DemoApp.url.path, targetName: targetName, outputRoot: output.path,
            templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates").path, vulnerabilityDatabase: database.path)
        request.vexFiles = vex
        return try await Pipeline(now: { now }).scan(request)
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func statements(_ directory: String) throws -> [[String: Any]] {
        try #require(try json(directory + "/vex.openvex.json")["statements"] as? [[String: Any]])
    }

    @Test func aTriagedNotAffectedVulnerabilityTravelsOutAndBackIn() async throws {
        let database = try await OSVPipelineTests.database()
        let output = try Fixtures.makeTemporaryDirectory("vex")
        defer {
            try? FileManager.default.removeItem(at: database)
            try? FileManager.default.removeItem(at: output)
        }
        // First run: every vulnerability affected, with its remediation; the document passes the schema.
        let first = try await Self.scan(output: output, database: database)
        let affected = try Self.statements(first.artifactsDirectory)
        #expect(affected.map { ($0["vulnerability"] as? [String: Any])?["name"] as? String } == ["CVE-2020-28500", "CVE-2021-23337", "CVE-2024-22195"])
        #expect(affected.allSatisfy { $0["status"] as? String == "affected" && $0["action_statement"] != nil })
        let schema = Fixtures.url("schemas/openvex/openvex_json_schema.json")
        var errors = try await SchemaValidator.errors(document: Data(contentsOf: URL(fileURLWithPath: first.artifactsDirectory + "/vex.openvex.json")), schema: schema)
        #expect(errors.isEmpty, "\(errors)")
        let manifest = try String(contentsOfFile: first.artifactsDirectory + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("vex.openvex.json"))

        // Triage: CVE-2021-23337 is not reachable.
        let lodash = try #require(first.report.findings.first { $0.ruleID == "CVE-2021-23337" })
        let store = try Store.open(path: output.appendingPathComponent("securescan.db").path)
        try store.setVerdict(TriageVerdict(
            fingerprint: lodash.fingerprint, status: .notAffected, note: "templates are never compiled from user input",
            updatedAt: "2025-11-29T00:00:00Z", justification: .vulnerableCodeNotInExecutePath))
        let second = try await Self.scan(output: output, database: database)
        let judged = try #require(second.report.findings.first { $0.ruleID == "CVE-2021-23337" })
        #expect(judged.suppression?.source == .triage && judged.suppression?.justification == .vulnerableCodeNotInExecutePath)
        let statement = try #require(try Self.statements(second.artifactsDirectory).first { ($0["vulnerability"] as? [String: Any])?["name"] as? String == "CVE-2021-23337" })
        #expect(statement["status"] as? String == "not_affected")
        #expect(statement["justification"] as? String == "vulnerable_code_not_in_execute_path")
        #expect(statement["impact_statement"] as? String == "templates are never compiled from user input")
        errors = try await SchemaValidator.errors(document: Data(contentsOf: URL(fileURLWithPath: second.artifactsDirectory + "/vex.openvex.json")), schema: schema)
        #expect(errors.isEmpty, "\(errors)")
        // The CycloneDX BOM says the same, and still passes its validators.
        let bom = try Self.json(second.artifactsDirectory + "/sbom.cdx.json")
        let vulnerability = try #require((bom["vulnerabilities"] as? [[String: Any]])?.first { $0["id"] as? String == "CVE-2021-23337" })
        let analysis = try #require(vulnerability["analysis"] as? [String: Any])
        #expect(analysis["state"] as? String == "not_affected" && analysis["justification"] as? String == "code_not_reachable")
        for (format, file) in [("cyclonedx-json", "sbom.cdx.json"), ("cyclonedx-xml", "sbom.cdx.xml")] {
            let outcome = try await PythonTool.run([
                Fixtures.repositoryRoot.appendingPathComponent("scripts/validate-sbom.py").path, format, second.artifactsDirectory + "/" + file,
            ])
            #expect(outcome.status == 0, "\(outcome.output)")
        }

        // In: the document this run wrote, given to a scan of another target, suppresses the same vulnerability
        // there (kind vex, with the justification), leaves the others open and reports nothing stale.
        let elsewhere = try Fixtures.makeTemporaryDirectory("vex-elsewhere")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let third = try await Self.scan(output: elsewhere, database: database, vex: [second.artifactsDirectory + "/vex.openvex.json"], targetName: "other")
        let suppressed = try #require(third.report.findings.first { $0.ruleID == "CVE-2021-23337" })
        #expect(suppressed.suppression?.source == .vex)
        #expect(suppressed.suppression?.justification == .vulnerableCodeNotInExecutePath)
        #expect(suppressed.suppression?.reason.contains("vex.openvex.json#/statements/1") == true)
        #expect(third.report.findings.filter { $0.scanner == "osv" && $0.isOpen }.map(\.ruleID).sorted() == ["CVE-2020-28500", "CVE-2024-22195"])
        #expect(!third.notes.contains { $0.contains("VEX statement") }, "\(third.notes)")
    }

    @Test func aStatementThatMatchesNothingIsReportedStale() async throws {
        let database = try await OSVPipelineTests.database()
        let output = try Fixtures.makeTemporaryDirectory("vex-stale")
        defer {
            try? FileManager.default.removeItem(at: database)
            try? FileManager.default.removeItem(at: output)
        }
        let document = output.appendingPathComponent("vendor.cdx.json")
        try Data(Self.cycloneDXVEX.utf8).write(to: document)
        let outcome = try await Self.scan(output: output.appendingPathComponent("out"), database: database, vex: [document.path])
        // The CycloneDX statement about jinja2 (by its bom-ref) suppresses it as fixed; the one about a
        // package the tree does not have is stale.
        let jinja = try #require(outcome.report.findings.first { $0.ruleID == "CVE-2024-22195" })
        #expect(jinja.suppression?.source == .vex && jinja.suppression?.reason.hasPrefix("fixed") == true)
        let stale = try #require(outcome.notes.first { $0.contains("VEX statement") })
        #expect(stale.contains("CVE-2018-3721 in pkg:npm/lodash@4.17.4") && stale.contains("vendor.cdx.json#/vulnerabilities/1"), "\(stale)")
        let statement = try #require(try Self.statements(outcome.artifactsDirectory).first { ($0["vulnerability"] as? [String: Any])?["name"] as? String == "CVE-2024-22195" })
        #expect(statement["status"] as? String == "fixed")
    }

    static let cycloneDXVEX = """
        {
          "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
          "components": [{"bom-ref": "jinja", "type": "library", "name": "jinja2", "version": "3.1.2", "purl": "pkg:pypi/jinja2@3.1.2"}],
          "vulnerabilities": [
            {"id": "CVE-2024-22195", "analysis": {"state": "resolved", "detail": "patched in our fork"}, "affects": [{"ref": "jinja"}]},
            {"id": "CVE-2018-3721", "analysis": {"state": "not_affected", "justification": "code_not_present"},
             "affects": [{"ref": "pkg:npm/lodash@4.17.4"}]},
            {"id": "CVE-2099-0001", "affects": [{"ref": "jinja"}]}
          ]
        }
        """

    @Test func bothOpenVEXVersionsAndCycloneDXAreRead() throws {
        let current = try VEXReader.statements(data: Data("""
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a", "timestamp": "2026-01-01T00:00:00Z", "version": 1,
             "statements": [{"vulnerability": {"name": "CVE-1", "aliases": ["GHSA-a"]}, "status": "fixed",
               "products": [{"@id": "pkg:oci/app", "subcomponents": [{"@id": "pkg:npm/a@1"}, {"identifiers": {"purl": "pkg:npm/b@2"}}]}]}]}
            """.utf8), file: "v2.json")
        #expect(current == [VEXStatement(vulnerabilities: ["CVE-1", "GHSA-a"], packages: ["pkg:npm/a@1", "pkg:npm/b@2"], status: .fixed,
                                         document: "v2.json", pointer: "/statements/0")])
        let legacy = try VEXReader.statements(data: Data("""
            {"@context": "https://openvex.dev/ns", "statements": [{"vulnerability": "CVE-2", "products": ["pkg:pypi/c@3"],
              "status": "not_affected", "justification": "component_not_present"}]}
            """.utf8), file: "v1.json")
        #expect(legacy.first?.packages == ["pkg:pypi/c@3"] && legacy.first?.justification == .componentNotPresent)
        let cyclone = try VEXReader.statements(data: Data(Self.cycloneDXVEX.utf8), file: "c.json")
        #expect(cyclone.map(\.status) == [.fixed, .notAffected])  // the entry without analysis is a report, not a statement
        #expect(cyclone[0].packages == ["pkg:pypi/jinja2@3.1.2"] && cyclone[1].justification == .vulnerableCodeNotPresent)
    }

    @Test(arguments: [
        (#"{"@context": "https://openvex.dev/ns/v9", "statements": []}"#, "f.json: /@context: 'https://openvex.dev/ns/v9' is not an OpenVEX version"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "status": "nope", "products": [{"@id": "pkg:npm/a"}]}]}"#,
         "f.json: /statements/0/status: 'nope' is not one of"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "status": "not_affected", "products": [{"@id": "pkg:npm/a"}]}]}"#,
         "f.json: /statements/0: a not_affected statement needs a justification"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}, "status": "not_affected", "justification": "because", "products": [{"@id": "pkg:npm/a"}]}]}"#,
         "f.json: /statements/0/justification: 'because' is not one of"),
        (#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"id": "X", "analysis": {"state": "resolved"}, "affects": [{"ref": "nowhere"}]}]}"#,
         "f.json: /vulnerabilities/0/affects/0/ref: 'nowhere' is no component of this BOM"),
        (#"{"bomFormat": "CycloneDX", "specVersion": "1.2", "vulnerabilities": []}"#, "f.json: /specVersion: '1.2' is not a CycloneDX version"),
        (#"{"spdxVersion": "SPDX-2.3"}"#, "f.json: neither an OpenVEX document"),
        ("{\n  \"statements\": [1,,]\n}", "f.json:2:"),
    ])
    func aBadDocumentIsRefusedWithWhereItIsWrong(document: String, message: String) {
        #expect {
            _ = try VEXReader.statements(data: Data(document.utf8), file: "f.json")
        } throws: { error in
            (error as? PipelineError)?.description.contains(message) == true
        }
    }

    @Test func aBadDocumentStopsTheRunBeforeAnythingIsWritten() async throws {
        let output = try Fixtures.makeTemporaryDirectory("vex-bad")
        defer { try? FileManager.default.removeItem(at: output) }
        let document = output.appendingPathComponent("bad.json")
        try Data(#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"status": "fixed"}]}"#.utf8).write(to: document)
        await #expect(throws: PipelineError.config(file: document.path, line: nil, column: nil, message: "/statements/0/vulnerability: missing, or not an object with a name")) {
            _ = try await Self.scan(output: output.appendingPathComponent("out"), database: output, vex: [document.path])
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("out/demo-app").path))
    }

    @Test func statementsMatchByAliasAndPackageWithOrWithoutVersion() {
        let statement = VEXStatement(vulnerabilities: ["GHSA-35jh-r3h4-6jhm"], packages: ["pkg:npm/lodash"], status: .notAffected,
                                     justification: .componentNotPresent, document: "d", pointer: "/statements/0")
        #expect(statement.covers(vulnerability: ["CVE-2021-23337", "GHSA-35jh-r3h4-6jhm"], package: "pkg:npm/lodash@4.17.20"))
        #expect(!statement.covers(vulnerability: ["CVE-2021-23337"], package: "pkg:npm/lodash@4.17.20"))
        #expect(!statement.covers(vulnerability: ["GHSA-35jh-r3h4-6jhm"], package: "pkg:npm/lodash-es@4.17.20"))
        let pinned = VEXStatement(vulnerabilities: ["CVE-1"], packages: ["pkg:npm/%40babel/core@7.0.0?arch=x"], status: .fixed,
                                  document: "d", pointer: "/0")
        #expect(pinned.covers(vulnerability: ["cve-1"], package: "pkg:npm/@babel/core@7.0.0"))
        #expect(!pinned.covers(vulnerability: ["CVE-1"], package: "pkg:npm/@babel/core@7.0.1"))
    }
}
