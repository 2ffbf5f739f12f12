import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanStore

/// The offline vulnerability database end to end: imports from a directory, a zip and a URL served by a
/// real HTTP server, bad records, and a scan that matches the demo project's lockfiles.
@Suite struct OSVPipelineTests {
    static let advisories = [
        Fixtures.url("osv/github-advisory-database").path,
        Fixtures.url("osv/pypa-advisory-database/json").path,
    ]

    /// A database directory with the fixtures' GHSA and PYSEC records.
    static func database() async throws -> URL {
        let directory = try Fixtures.makeTemporaryDirectory("vulndb")
        for source in advisories { _ = try await OSVImport.run(from: source, database: directory.path) }
        return directory
    }

    @Test func aDirectoryImportCountsRecordsPerEcosystemAndIsIdempotent() async throws {
        let directory = try Fixtures.makeTemporaryDirectory("vulndb")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await OSVImport.run(from: Self.advisories[1], database: directory.path)
        #expect(first.imported == 24)
        #expect(first.added == 24)
        #expect(first.rejected.isEmpty)
        #expect(first.summary.ecosystems == ["PyPI": 24])
        let again = try await OSVImport.run(from: Self.advisories[1], database: directory.path)
        #expect(again.added == 0)
        #expect(again.summary.digest == first.summary.digest)
        let more = try await OSVImport.run(from: Self.advisories[0], database: directory.path)
        #expect(more.summary.records == 30)
        #expect(more.summary.ecosystems["npm"] == 3)
        #expect(more.summary.digest != first.summary.digest)
        #expect(more.summary.newestModified != nil)
    }

    @Test func yamlRecordsImportLikeTheirJSONTwins() async throws {
        let directory = try Fixtures.makeTemporaryDirectory("vulndb")
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = try await OSVImport.run(from: Fixtures.url("osv/pypa-advisory-database/requests").path, database: directory.path)
        #expect(yaml.imported == 5)
        #expect(yaml.rejected.isEmpty)
        let store = try AdvisoryStore.open(path: VulnerabilityDatabaseLocation.file(in: directory.path), create: false)
        let records = try store.advisories(forPackageKeys: ["PyPI/requests"])["PyPI/requests"] ?? []
        let json = try JSONDecoder().decode(OSVRecord.self, from: Fixtures.data("osv/pypa-advisory-database/json/requests/PYSEC-2023-74.json"))
        #expect(records.first { $0.id == "PYSEC-2023-74" }?.affected == json.affected)
    }

    @Test func badRecordsAreNamedWithTheirFieldAndTheRestIsImported() async throws {
        let source = try Fixtures.makeTemporaryDirectory("osv-source")
        let directory = try Fixtures.makeTemporaryDirectory("vulndb")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.copyItem(
            at: Fixtures.url("osv/github-advisory-database/pypi/GHSA-j8r2-6x86-q33q.json"), to: source.appendingPathComponent("good.json"))
        try Data(#"{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm"}}]}"#.utf8)
            .write(to: source.appendingPathComponent("no-name.json"))
        try Data(#"{"id": "X-2", "modified": "2024-01-01T00:00:00Z", "affected": [{"ranges": [{"type": "ECOSYSTEM", "events": "0"}]}]}"#.utf8)
            .write(to: source.appendingPathComponent("wrong-type.json"))
        try Data(#"{"id": "X-3", "modified": "2024-01-01"#.utf8).write(to: source.appendingPathComponent("truncated.json"))
        try Data([0xFF, 0xFE, 0x00, 0x7B]).write(to: source.appendingPathComponent("binary.json"))
        try Data(#"{"modified": "2024-01-01T00:00:00Z"}"#.utf8).write(to: source.appendingPathComponent("no-id.json"))
        let result = try await OSVImport.run(from: source.path, database: directory.path)
        #expect(result.imported == 1)
        let reasons = result.rejected.map { $0.replacingOccurrences(of: source.path + "/", with: "") }.sorted()
        #expect(reasons == [
            "binary.json: invalid JSON",
            "no-id.json: field id is missing",
            "no-name.json: field affected[0].package.name is missing",
            "truncated.json: invalid JSON",
            "wrong-type.json: field affected[0].ranges[0].events has the wrong type",
        ])
    }

    /// Zips `files` (name → contents) with Python's zipfile into `zip`.
    static func makeZip(_ zip: URL, _ files: [String: Data]) async throws {
        let staging = try Fixtures.makeTemporaryDirectory("zip-staging")
        defer { try? FileManager.default.removeItem(at: staging) }
        for (name, data) in files { try data.write(to: staging.appendingPathComponent(name)) }
        let script = "import os, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n"
            + "for n in sorted(os.listdir(sys.argv[2])): z.write(os.path.join(sys.argv[2], n), n)\nz.close()"
        let result = try await PythonTool.run(["-c", script, zip.path, staging.path])
        try #require(result.status == 0, "\(result.output)")
    }

    static func exportFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm", "GHSA-jf85-cpcp-j695"] {
            files[name + ".json"] = try Fixtures.data("osv/github-advisory-database/npm/\(name).json")
        }
        return files
    }

    @Test func anAllZipExportImportsAndABombIsStopped() async throws {
        let work = try Fixtures.makeTemporaryDirectory("zips")
        defer { try? FileManager.default.removeItem(at: work) }
        var files = try Self.exportFiles()
        // 64 MiB of spaces deflates to a few kilobytes: it must be refused, not inflated.
        files["BOMB-1.json"] = Data(repeating: 0x20, count: 64 << 20)
        let zip = work.appendingPathComponent("all.zip")
        try await Self.makeZip(zip, files)
        let result = try await OSVImport.run(from: zip.path, database: work.appendingPathComponent("db").path)
        #expect(result.imported == 3)
        #expect(result.summary.ecosystems == ["npm": 3])
        #expect(result.rejected.count == 1)
        #expect(result.rejected.first?.contains("all.zip!BOMB-1.json") == true)
        #expect(result.rejected.first?.contains("limit") == true)

        let corrupt = work.appendingPathComponent("corrupt.zip")
        try Data(try Data(contentsOf: zip).prefix(200)).write(to: corrupt)
        await #expect(throws: PipelineError.self) { _ = try await OSVImport.run(from: corrupt.path, database: work.appendingPathComponent("db2").path) }
    }

    @Test func aURLIsDownloadedFromARealHTTPServer() async throws {
        let work = try Fixtures.makeTemporaryDirectory("served")
        defer { try? FileManager.default.removeItem(at: work) }
        try await Self.makeZip(work.appendingPathComponent("all.zip"), try Self.exportFiles())
        let server = try await LocalHTTPServer.start(serving: work)
        defer { server.stop() }
        let result = try await OSVImport.run(from: "http://127.0.0.1:\(server.port)/all.zip", database: work.appendingPathComponent("db").path)
        #expect(result.imported == 3)
        await #expect(throws: PipelineError.target("download of http://127.0.0.1:\(server.port)/missing.zip failed: HTTP 404 Not Found")) {
            _ = try await OSVImport.run(from: "http://127.0.0.1:\(server.port)/missing.zip", database: work.appendingPathComponent("db").path)
        }
    }

    @Test func theDemoProjectsLockfilesMatchRealAdvisories() async throws {
        let database = try await Self.database()
        let output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: database)
            try? FileManager.default.removeItem(at: output)
        }
        let pipeline = Pipeline(now: { Date(timeIntervalSince1970: 1_764_374_400) })
        let request = ScanRequest(
            path: DemoApp.url.path, outputRoot: output.path, templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates").path,
            vulnerabilityDatabase: database.path)
        let outcome = try await pipeline.scan(request)
        let vulnerabilities = outcome.report.findings.filter { $0.scanner == "osv" }
        #expect(vulnerabilities.map { "\($0.properties["package"]!)@\($0.properties["installed_version"]!) \($0.ruleID)" }.sorted() == [
            "jinja2@3.1.2 CVE-2024-22195",
            "lodash@4.17.20 CVE-2020-28500",
            "lodash@4.17.20 CVE-2021-23337",
        ])
        #expect(vulnerabilities.allSatisfy { $0.location?.path == "requirements.txt" || $0.location?.path == "web/package-lock.json" })
        let summary = try #require(outcome.report.advisoryDatabase)
        #expect(summary.records == 30)
        let manifest = try String(contentsOfFile: outcome.artifactsDirectory + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"vulnerability_database\" : \"\(summary.digest)\""))
        let bom = try String(contentsOfFile: outcome.artifactsDirectory + "/sbom.cdx.json", encoding: .utf8)
        #expect(bom.contains("\"id\" : \"CVE-2021-23337\""))

        // The same scan again: the vulnerabilities are unchanged, not new.
        let second = try await pipeline.scan(request)
        #expect(second.report.findings.filter { $0.scanner == "osv" }.allSatisfy { $0.change == .unchanged })
    }

    @Test func aLocalPackageIsInventoriedButNotMatchedAgainstRegistryAdvisories() async throws {
        let database = try await Self.database()
        let output = try Fixtures.makeTemporaryDirectory()
        let tree = try Fixtures.makeTemporaryDirectory("local-lodash")
        defer {
            for url in [database, output, tree] { try? FileManager.default.removeItem(at: url) }
        }
        // The same name and version twice: from the registry in `registry/`, from a vendored folder in `vendored/`.
        try Fixtures.write([
            "registry/yarn.lock": "lodash@^4.17.20:\n  version \"4.17.20\"\n  resolved \"https://registry.yarnpkg.com/lodash/-/lodash-4.17.20.tgz\"\n",
            "vendored/yarn.lock": "\"lodash@file:../vendor/lodash\":\n  version \"4.17.20\"\n",
        ], under: tree)
        let request = ScanRequest(
            path: tree.path, outputRoot: output.path, templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates").path,
            vulnerabilityDatabase: database.path)
        let outcome = try await Pipeline(now: { Date(timeIntervalSince1970: 1_764_374_400) }).scan(request)
        let vulnerable = Set(outcome.report.findings.filter { $0.scanner == "osv" }.compactMap { $0.location?.path })
        #expect(vulnerable == ["registry/yarn.lock"])
        let vendored = try #require(outcome.report.components.first { $0.manifestPath == "vendored/yarn.lock" })
        #expect(vendored.properties == [Component.Property.source: "file:../vendor/lodash"])
        let bom = try String(contentsOfFile: outcome.artifactsDirectory + "/sbom.cdx.json", encoding: .utf8)
        #expect(bom.contains("\"value\" : \"file:../vendor/lodash\""))
    }

    @Test func withoutADatabaseTheOSVScannerIsSkippedWithAHint() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await Pipeline().scan(ScanRequest(
            path: DemoApp.url.path, outputRoot: output.path, scanners: ["osv"], formats: ["json"],
            vulnerabilityDatabase: output.appendingPathComponent("none").path))
        let run = try #require(outcome.report.scannerRuns.first { $0.scanner == "osv" })
        #expect(run.status == .skipped)
        #expect(run.installHint?.contains("securescan db update-osv") == true)
        #expect(outcome.report.advisoryDatabase == nil)
    }
}
