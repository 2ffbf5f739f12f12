import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners

/// The static site: regenerated after every run, every relative link resolves to a file, from file://.
@Suite struct SiteIndexTests {
    /// Every `href` in `page` that is relative, resolved against the page's folder.
    static func relativeLinks(_ page: URL) throws -> [URL] {
        let html = try String(contentsOf: page, encoding: .utf8)
        return html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            .filter { !$0.contains("://") && !$0.hasPrefix("#") }
            .map { page.deletingLastPathComponent().appendingPathComponent($0).standardizedFileURL }
    }

    @Test func everyRunRefreshesTheIndexAndEveryLinkResolves() async throws {
        let output = try Fixtures.makeTemporaryDirectory("site")
        defer { try? FileManager.default.removeItem(at: output) }
        let pipeline = Pipeline(scanners: [SecretsScanner(), DockerfileScanner()], now: { Date(timeIntervalSince1970: 1_764_374_400) })
        func scan(_ path: URL) async throws {
            _ = try await pipeline.scan(ScanRequest(
                path: path.path, outputRoot: output.path,
                templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates").path,
                vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path))
        }
        try await scan(DemoApp.url)
        try await scan(DemoApp.url)
        try await scan(DemoApp.url.appendingPathComponent("web"))
        let index = output.appendingPathComponent("index.html")
        let overview = try String(contentsOf: index, encoding: .utf8)
        #expect(overview.contains(">demo-app</a>") && overview.contains(">web</a>"))
        let targetPage = output.appendingPathComponent("demo-app/index.html")
        let runs = try String(contentsOf: targetPage, encoding: .utf8)
        // One row per stored run of the target, newest first.
        #expect(runs.components(separatedBy: "/report.html\">HTML</a>").count - 1 == 2)
        for page in [index, targetPage, output.appendingPathComponent("web/index.html")] {
            let links = try Self.relativeLinks(page)
            #expect(!links.isEmpty, "\(page.path) has no links")
            for link in links {
                #expect(FileManager.default.fileExists(atPath: link.path), "\(page.lastPathComponent) links to missing \(link.path)")
            }
        }
        #expect(try Self.relativeLinks(targetPage).contains { $0.lastPathComponent == "report.pdf" })
    }
}

/// `--templates DIR`: a user's copy of the templates replaces the built-in ones for every templated artifact.
@Suite struct TemplateOverrideTests {
    @Test func aUsersTemplateDirectoryReplacesTheBuiltInReport() async throws {
        let templates = try Fixtures.makeTemporaryDirectory("templates")
        let output = try Fixtures.makeTemporaryDirectory("override")
        defer {
            try? FileManager.default.removeItem(at: templates)
            try? FileManager.default.removeItem(at: output)
        }
        let builtIn = Fixtures.repositoryRoot.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: builtIn.path) {
            try FileManager.default.copyItem(at: builtIn.appendingPathComponent(name), to: templates.appendingPathComponent(name))
        }
        let report = templates.appendingPathComponent("report.html.mustache")
        let text = try String(contentsOf: report, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<h2>Executive summary</h2>", with: "<h2>ACME audit summary for {{target}}</h2>").utf8).write(to: report)
        let pipeline = Pipeline(scanners: [SecretsScanner()], now: { Date(timeIntervalSince1970: 1_764_374_400) })
        let outcome = try await pipeline.scan(ScanRequest(
            path: DemoApp.url.path, outputRoot: output.path, formats: ["html"], templatesDirectory: templates.path,
            vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path))
        let html = try String(contentsOf: URL(fileURLWithPath: outcome.artifactsDirectory).appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>ACME audit summary for demo-app</h2>"))
        #expect(!html.contains("<h2>Executive summary</h2>"))
    }
}
