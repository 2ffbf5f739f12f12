import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners

/// The ZAP adapter against the daemon API. ZAP cannot be installed here, so the daemon is a stand-in
/// (`fixtures/zap/zap_api_standin.py`) that answers as ZAP's API documents and serves a saved real report.
@Suite(.serialized) struct ZAPDaemonTests {
    static let key = "k3y-\(UUID().uuidString.prefix(8))"

    func startDaemon() async throws -> (Process, Int) {
        let port = try LoopbackPort.free()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.url("zap/zap_api_standin.py").path, String(port), Self.key,
                             Fixtures.url("reports/defectdojo/zap/some_2.9.0.xml").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? await probe("http://127.0.0.1:\(port)/calls")) != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (process, port)
    }

    /// Whether anything answers HTTP at `url` (any status).
    func probe(_ url: String) async throws -> Int {
        let output = try await ToolRunner().run(.init(executable: "curl", arguments: ["-s", "-o", "/dev/null", "-w", "%{http_code}", url], timeLimit: 5))
        guard let code = Int(output.stdoutText), code > 0 else { throw ScannersError.cancelled }
        return code
    }

    func scan(_ options: String) async throws -> ScanOutcome {
        let tree = try Fixtures.makeTemporaryDirectory("zap-tree")
        let output = try Fixtures.makeTemporaryDirectory("zap-out")
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        let config = output.appendingPathComponent("securescan.yml")
        try Data("scanners: [zap]\nscanner_options:\n  zap:\n\(options)".utf8).write(to: config)
        return try await Pipeline(scanners: [ZAPScanner()] + Scanners.builtIn).scan(ScanRequest(
            path: tree.path, configFile: config.path, outputRoot: output.appendingPathComponent("out").path, formats: ["json"],
            templatesDirectory: PipelineTests.templates))
    }

    @Test func spidersWaitsForThePassiveScanAndReadsTheReport() async throws {
        setenv("SECURESCAN_TEST_ZAP_KEY", Self.key, 1)
        let (daemon, port) = try await startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL) }  // terminate() (SIGTERM) left it running after the tests
        let outcome = try await scan("    target: https://mainsite.com/\n    api: http://127.0.0.1:\(port)\n    api_key_env: SECURESCAN_TEST_ZAP_KEY\n    poll_seconds: \"0.05\"\n")
        let run = try #require(outcome.report.scannerRuns.first { $0.scanner == "zap" })
        #expect(run.status == .ran, "\(run.error ?? run.reason ?? "")")
        let findings = outcome.report.findings
        #expect(findings.count == 14, "the report's 7 alerts at 14 URL templates")
        #expect(findings.allSatisfy { $0.scanType == .dast && $0.fingerprint.rawValue.hasPrefix("fp1:") })
        #expect(run.notes.contains { $0.contains("ZAP 2.16.1") })
        let calls = String(decoding: try await ToolRunner().run(.init(executable: "curl", arguments: ["-s", "http://127.0.0.1:\(port)/calls"])).stdout, as: UTF8.self)
        #expect(calls.contains("/JSON/spider/action/scan/") && calls.contains("/JSON/pscan/view/recordsToScan/"))
        #expect(!calls.contains("/JSON/ascan/action/scan/"), "no attack unless active_scan is true")
    }

    @Test func aWrongKeyFailsAndNoDaemonIsSkipped() async throws {
        let (daemon, port) = try await startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL) }  // terminate() (SIGTERM) left it running after the tests
        setenv("SECURESCAN_TEST_ZAP_WRONG", "not-the-key", 1)
        let wrong = try await scan("    target: http://localhost:8080\n    api: http://127.0.0.1:\(port)\n    api_key_env: SECURESCAN_TEST_ZAP_WRONG\n")
        let refused = try #require(wrong.report.scannerRuns.first { $0.scanner == "zap" })
        #expect(refused.status == .failed)
        #expect(refused.error?.contains("403") == true, "\(refused.error ?? "")")
        let none = try await scan("    target: http://localhost:8080\n    api: http://127.0.0.1:9\n")
        let skipped = try #require(none.report.scannerRuns.first { $0.scanner == "zap" })
        #expect(skipped.status == .skipped)
        #expect(skipped.reason == "no ZAP daemon answers at http://127.0.0.1:9")
        let unset = try await scan("    api: http://127.0.0.1:9\n")
        #expect(unset.report.scannerRuns.first { $0.scanner == "zap" }?.reason == "no ZAP target configured")
    }
}
