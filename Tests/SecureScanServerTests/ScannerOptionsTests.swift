import Foundation
import Synchronization
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanServer
@testable import SecureScanStore

/// An API scan's `target_url` and `target_host` reach the zap and nmap scanners, over the config's options.
@Suite struct ScannerOptionsTests {
    /// Records what its scan was given for nmap's and zap's options.
    final class OptionRecorder: ScannerAdapter, Sendable {
        let id = "nmap"
        let scanType = ScanType.network
        let summary = "records its options"
        let optionKeys = ["hosts", "ports"]
        private let seen = Mutex<[String]>([])
        var hosts: [String] { seen.withLock { $0 } }

        func availability() async -> ScannerAvailability { .available(version: "1") }

        func scan(_ target: ScanTarget) async throws -> Observations {
            seen.withLock { $0 = target.option("hosts", of: "nmap") + target.option("ports", of: "nmap") }
            return Observations()
        }
    }

    @Test func aQueuedScansURLAndHostBecomeScannerOptions() {
        let scan = StoredScan(id: "s1", targetPath: "/srv/app", scanTypes: [.dast, .network], targetURL: "https://staging.example",
                              targetHost: "10.20.0.5", createdAt: "2026-12-04T00:00:00")
        let request = ScanQueue.request(for: scan, configuration: ServerConfiguration(outputRoot: "/tmp/none"), scanners: Scanners.all)
        #expect(request.scannerOptions == [
            "zap": ["target": ["https://staging.example"]], "builtin_dast": ["target": ["https://staging.example"]], "nmap": ["hosts": ["10.20.0.5"]],
        ])
        // The target URL brings the built-in site scanner along with zap.
        #expect(request.scanners?.contains("builtin_dast") == true && request.scanners?.contains("zap") == true)
        #expect(request.runID == "s1" && request.origin == .api)
        let plain = ScanQueue.request(for: StoredScan(id: "s2", targetPath: "/srv/app", scanTypes: [.code], createdAt: "2026-12-04T00:00:00"),
                                      configuration: ServerConfiguration(outputRoot: "/tmp/none"), scanners: Scanners.all)
        #expect(plain.scannerOptions.isEmpty)
    }

    @Test func requestOptionsReachTheScannerOverTheConfigs() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        let output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: output)
        }
        try Fixtures.write(["securescan.yml": "version: 1\nscanner_options:\n  nmap: {hosts: [10.0.0.1], ports: [\"22\"]}\n"], under: root)
        let recorder = OptionRecorder()
        var request = ScanRequest(path: root.path, outputRoot: output.path, scanners: ["nmap"], formats: ["json"])
        request.scannerOptions = ["nmap": ["hosts": ["10.20.0.5"]]]
        _ = try await Pipeline(scanners: [recorder]).scan(request)
        #expect(recorder.hosts == ["10.20.0.5", "22"], "the request's hosts over the config's; its ports kept")
    }
}
