import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline

/// The `licenses` scanner in a real scan: the configured policy over licenses declared in lockfiles.
@Suite struct LicensesScanTests {
    @Test func theConfiguredPolicyFlagsDeclaredLicenses() async throws {
        let tree = try Fixtures.makeTemporaryDirectory("licenses-tree")
        let output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        try Fixtures.write([
            "package-lock.json": """
                {"name": "app", "lockfileVersion": 3, "packages": {
                  "": {"name": "app", "dependencies": {"left": "1.0.0", "middle": "2.0.0", "right": "3.0.0", "odd": "0.1.0"}},
                  "node_modules/left": {"version": "1.0.0", "license": "AGPL-3.0-only"},
                  "node_modules/middle": {"version": "2.0.0", "license": "(MIT OR GPL-3.0-only)"},
                  "node_modules/right": {"version": "3.0.0", "license": "LGPL-2.1-only"},
                  "node_modules/odd": {"version": "0.1.0", "license": "SEE LICENSE IN LICENSE.txt"},
                  "node_modules/plain": {"version": "1.0.0"}
                }}
                """,
            "securescan.yml": "licenses:\n  deny: [AGPL-3.0-only]\n",
        ], under: tree)
        let outcome = try await Pipeline(now: { Date(timeIntervalSince1970: 1_764_374_400) }).scan(ScanRequest(
            path: tree.path, outputRoot: output.path, scanners: ["licenses"], formats: ["json"],
            vulnerabilityDatabase: output.appendingPathComponent("none").path))
        let findings = outcome.report.findings.map { "\($0.ruleID) \($0.properties["package"]!) \($0.severity.rawValue)" }.sorted()
        #expect(findings == [
            "license/copyleft right low",
            "license/denied left high",
            "license/unknown odd info",
        ])
        #expect(outcome.notes.contains("licenses: 1 of 5 components declare no license in their lockfile or manifest"))
    }
}
