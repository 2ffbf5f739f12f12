import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners

/// A scanned tree that is a root filesystem gets `host-baseline` without being asked; a project tree does not.
@Suite struct HostBaselinePipelineTests {
    @Test func thePipelineChecksARootFilesystemWithoutBeingAsked() async throws {
        let work = try Fixtures.makeTemporaryDirectory("rootfs-scan")
        defer { try? FileManager.default.removeItem(at: work) }
        let root = work.appendingPathComponent("image")
        try Fixtures.write([
            "etc/os-release": "ID=debian\nVERSION_ID=\"12\"\n", "etc/passwd": "root:x:0:0:root:/root:/bin/bash\n",
            "etc/ssh/sshd_config": "PermitRootLogin yes\n", "etc/login.defs": "PASS_MAX_DAYS 90\nPASS_MIN_DAYS 1\n",
        ], under: root)
        let output = work.appendingPathComponent("out")
        let outcome = try await Pipeline(now: { Date(timeIntervalSince1970: 1_764_374_400) }).scan(ScanRequest(
            path: root.path, outputRoot: output.path, formats: ["json"], vulnerabilityDatabase: work.appendingPathComponent("none").path))
        #expect(outcome.report.scannerRuns.contains { $0.scanner == "host-baseline" && $0.completed })
        #expect(outcome.report.findings.filter { $0.scanner == "host-baseline" }.map(\.ruleID) == ["host-baseline/ssh-root-login"])
        let project = try await Pipeline().scan(ScanRequest(
            path: DemoApp.url.path, outputRoot: work.appendingPathComponent("demo").path, formats: ["json"],
            vulnerabilityDatabase: work.appendingPathComponent("none").path))
        #expect(!project.report.scannerRuns.contains { $0.scanner == "host-baseline" })
    }
}
