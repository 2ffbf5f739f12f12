import Foundation
import Testing
import TestSupport
import SecureScanXML
@testable import SecureScanCore
@testable import SecureScanReports

/// CycloneDX and SPDX output: the official schemas, the reference validators, NTIA minimum elements,
/// golden files and determinism.
@Suite struct SBOMTests {
    static func report() -> RunReport {
        var report = RunReport.sample()
        report.components = Component.samples
        var vulnerable = Finding.sample(
            scanner: "osv", rule: "CVE-2021-44228", severity: .critical, path: "svc/pom.xml", line: 1,
            identity: .dependency(ecosystem: "Maven", package: "org.apache.logging.log4j:log4j-core", manifestPath: "svc/pom.xml", advisory: "CVE-2021-44228"),
            title: "log4j-core 2.14.1: Remote code injection in Log4j")
        vulnerable.scanType = .dependency
        vulnerable.aliases = ["GHSA-jfh8-c2jp-5v3q"]
        vulnerable.cwes = ["CWE-502", "CWE-917"]
        vulnerable.remediation = "Upgrade to 2.15.0"
        vulnerable.references = ["https://logging.apache.org/log4j/2.x/security.html"]
        vulnerable.properties = [
            "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "osv_id": "GHSA-jfh8-c2jp-5v3q",
            "cvss_vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "cvss_score": "10.0",
        ]
        report.findings.append(vulnerable)
        return report
    }

    static func render(_ format: any OutputFormat, version: CycloneDXVersion = .default) throws -> Data {
        try format.render(report(), context: RenderContext(templates: nil, cycloneDXVersion: version))
    }

    static func validate(_ kind: String, _ data: Data, version: String = "1.6") async throws -> String {
        let directory = try Fixtures.makeTemporaryDirectory("sbom-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sbom" + (kind.hasSuffix("xml") ? ".xml" : kind == "spdx-tv" ? ".spdx" : ".json"))
        try data.write(to: file)
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/validate-sbom.py").path
        let result = try await PythonTool.run([script, kind, file.path, version])
        return result.status == 0 ? "" : result.output
    }

    @Test(arguments: CycloneDXVersion.allCases)
    func cycloneDXJSONValidatesAgainstTheOfficialSchema(version: CycloneDXVersion) async throws {
        let errors = try await SchemaValidator.errors(
            document: try Self.render(CycloneDXJSON(), version: version),
            schema: Fixtures.url("schemas/cyclonedx/bom-\(version.rawValue).schema.json"))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(arguments: CycloneDXVersion.allCases)
    func cycloneDXXMLValidatesAgainstTheOfficialXSD(version: CycloneDXVersion) async throws {
        let errors = try await Self.xsdErrors(try Self.render(CycloneDXXML(), version: version), version: version)
        #expect(errors.isEmpty, "\(errors)")
    }

    static func xsdErrors(_ data: Data, version: CycloneDXVersion) async throws -> [MarkupError] {
        let xsd = Fixtures.url("schemas/cyclonedx/bom-\(version.rawValue).xsd")
        let validator = XSDValidator(
            schemaText: try String(contentsOf: xsd, encoding: .utf8), path: xsd.path,
            localImports: ["http://cyclonedx.org/schema/spdx": Fixtures.url("schemas/cyclonedx/spdx.xsd").path])
        return try await Blocking.run { try validator.validate(Array(data)) }
    }

    @Test(arguments: [("cyclonedx-json", "1.6"), ("cyclonedx-json", "1.5"), ("cyclonedx-xml", "1.6"), ("cyclonedx-xml", "1.5")])
    func cycloneDXPassesCycloneDXPythonLib(kind: String, version: String) async throws {
        let format: any OutputFormat = kind == "cyclonedx-json" ? CycloneDXJSON() : CycloneDXXML()
        let errors = try await Self.validate(kind, try Self.render(format, version: CycloneDXVersion(rawValue: version)!), version: version)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func spdxJSONValidatesAgainstTheOfficialSchema() async throws {
        let errors = try await SchemaValidator.errors(document: try Self.render(SPDXJSON()), schema: Fixtures.url("schemas/spdx/spdx-schema-2.3.json"))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func theOpenVEXDocumentPassesItsSchemaAndSpeaksOfEveryVulnerablePackage() async throws {
        let report = Self.report()
        #expect(OpenVEXJSON().applies(to: report))
        let data = try Self.render(OpenVEXJSON())
        let errors = try await SchemaValidator.errors(document: data, schema: Fixtures.url("schemas/openvex/openvex_json_schema.json"))
        #expect(errors.isEmpty, "\(errors)")
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let statements = try #require(document["statements"] as? [[String: Any]])
        let vulnerable = Set(report.findings.compactMap { $0.scanType == .dependency ? $0.properties["purl"] : nil })
        let named = Set(statements.flatMap { (($0["products"] as? [[String: Any]]) ?? []).flatMap { (($0["subcomponents"] as? [[String: Any]]) ?? []).compactMap { $0["@id"] as? String } } })
        #expect(named == vulnerable)
        var clean = report
        clean.findings = report.findings.filter { $0.scanType != .dependency }
        clean.diff = RunDiff()
        #expect(!OpenVEXJSON().applies(to: clean))
    }

    @Test(arguments: ["spdx-json", "spdx-tv"])
    func spdxPassesSPDXToolsAndNTIAMinimumElements(kind: String) async throws {
        let errors = try await Self.validate(kind, try Self.render(kind == "spdx-json" ? SPDXJSON() : SPDXTagValue()))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func sbomsMatchTheirGoldenFiles() throws {
        for format: any OutputFormat in [CycloneDXJSON(), CycloneDXXML(), SPDXJSON(), SPDXTagValue(), OpenVEXJSON()] {
            assertGolden(String(decoding: try Self.render(format), as: UTF8.self), named: format.fileName)
        }
    }

    @Test func theSameRunGivesTheSameBytesAndAnotherRunAnotherSerial() throws {
        let first = try Self.render(CycloneDXJSON())
        #expect(first == (try Self.render(CycloneDXJSON())))
        var other = Self.report()
        other.runID = "20261130T000000Z-fedcba"
        let second = try CycloneDXJSON().render(other, context: RenderContext(templates: nil))
        let serial = { (data: Data) in (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["serialNumber"] as? String }
        #expect(try serial(first) != serial(second))
    }

    @Test func aPackageInTwoManifestsIsOneComponentWithBothOccurrences() throws {
        let bom = try #require(try JSONSerialization.jsonObject(with: try Self.render(CycloneDXJSON())) as? [String: Any])
        let components = try #require(bom["components"] as? [[String: Any]])
        let lodash = components.filter { $0["name"] as? String == "lodash" }
        #expect(lodash.count == 1)
        let occurrences = ((lodash.first?["evidence"] as? [String: Any])?["occurrences"] as? [[String: String]])?.compactMap { $0["location"] }
        #expect(occurrences == ["admin/package-lock.json", "web/package-lock.json"])
    }
}

/// The validators above are only evidence if they reject what is wrong: each gets a broken document.
@Suite struct SBOMValidatorControlTests {
    static func broken(_ data: Data, replacing target: String, with replacement: String) throws -> Data {
        let text = String(decoding: data, as: UTF8.self)
        try #require(text.contains(target))
        return Data(text.replacingOccurrences(of: target, with: replacement).utf8)
    }

    @Test func cycloneDXPythonLibRejectsAnUnknownScope() async throws {
        let data = try Self.broken(try SBOMTests.render(CycloneDXJSON()), replacing: "\"excluded\"", with: "\"dev\"")
        #expect(try await !SBOMTests.validate("cyclonedx-json", data).isEmpty)
    }

    @Test func theXSDRejectsAnUnknownScope() async throws {
        let data = try Self.broken(try SBOMTests.render(CycloneDXXML()), replacing: "<scope>excluded</scope>", with: "<scope>dev</scope>")
        #expect(try await !SBOMTests.xsdErrors(data, version: .v1_6).isEmpty)
    }

    @Test func ntiaCheckerRejectsAPackageWithoutSupplier() async throws {
        let data = try Self.broken(try SBOMTests.render(SPDXJSON()), replacing: "\"supplier\" : \"Organization: crates.io\"", with: "\"supplier\" : \"NOASSERTION\"")
        #expect(try await SBOMTests.validate("spdx-json", data).contains("NTIA"))
    }

    @Test func spdxToolsRejectsABadRelationship() async throws {
        let data = try Self.broken(try SBOMTests.render(SPDXTagValue()), replacing: "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Target", with: "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Nowhere")
        #expect(try await !SBOMTests.validate("spdx-tv", data).isEmpty)
    }
}
