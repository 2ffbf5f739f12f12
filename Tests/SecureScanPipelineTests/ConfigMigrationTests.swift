import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners

/// Coming from SecureScan (Python): its config is recognised and refused with the way out, migrated to the
/// equivalent settings, and `config validate` checks what a scan would.
@Suite struct ConfigMigrationTests {
    /// A config as SecureScan (Python)'s `init` writes it, with every key it reads.
    static let reference = """
        # SecureScan configuration
        scan_types: [code, dependency, iac]
        fail_on_severity: high
        ignored_rules:
          - B101
          - secrets/generic-api-key
        severity_overrides:
          dockerfile/no-healthcheck: info
        semgrep_rules:
          - rules/python.yml
        ai: false

        """

    @Test func aReferenceConfigIsRefusedWithTheWayOut() {
        #expect(throws: PipelineError.config(file: ".securescan.yml", line: 2, column: 1, message:
            "'scan_types' is a SecureScan (Python) setting: this is that program's .securescan.yml. `securescan config migrate .securescan.yml` writes the equivalent config for this one")) {
            try ConfigLoader(scanners: Scanners.all).parse(Self.reference, file: ".securescan.yml")
        }
    }

    @Test func migrationKeepsEveryMeaning() throws {
        let result = try ConfigMigration.migrate(Self.reference, file: ".securescan.yml")
        let config = try ConfigLoader(scanners: Scanners.all).parse(result.text, file: "securescan.yml")
        let expected = Scanners.defaultSelection(from: Scanners.all, types: [.code, .dependency, .iac]).map(\.id)
        #expect(config.scanners == expected)
        #expect(config.scanners?.contains("secrets") == true && config.scanners?.contains("dockerfile") == true)
        #expect(config.policy.failOn == .high)
        #expect(config.severityOverrides == ["dockerfile/no-healthcheck": .info])
        #expect(config.suppressions.map(\.rule) == ["B101", "secrets/generic-api-key"])
        #expect(config.suppressions.allSatisfy { $0.reason == "ignored_rules in .securescan.yml" })
        #expect(config.scannerOptions["semgrep"]?["rules"] == ["rules/python.yml"])
        #expect(result.notes.contains { $0.hasPrefix("fail_on_severity: high now gates runs") })
        #expect(result.notes.contains("ai: dropped; SecureScan sends nothing to AI services"))
    }

    @Test func badReferenceConfigsNameTheLine() {
        #expect(throws: PipelineError.config(file: "x.yml", line: 1, column: 20,
                                             message: "scan_types: 'secrets' is not a scan type (code, dependency, iac, dast, network, baseline)")) {
            try ConfigMigration.migrate("scan_types: [code, secrets]\n", file: "x.yml")
        }
        #expect(throws: PipelineError.self) { try ConfigMigration.migrate("scan_types: [code]\nunknown_key: 1\n", file: "x.yml") }
    }

    @Test func validateChecksTheFileAndWhatItNames() throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("securescan.yml")
        try Data("""
            version: 1
            scanner_options:
              semgrep: {rules: [missing.yml, p/ci]}
            suppressions:
              - rule: secrets/generic-api-key
                reason: old
                expires: 2020-01-01

            """.utf8).write(to: file)
        let warnings = try ConfigMigration.validate(file.path, today: "2026-12-04")
        #expect(warnings == ["scanner_options.semgrep.rules: missing.yml does not exist next to the config file (semgrep reads relative paths from the scanned directory)",
                             "suppression for secrets/generic-api-key expired on 2020-01-01"])
        try Data("version: 1\nbaseline: nowhere.json\n".utf8).write(to: file)
        #expect(throws: PipelineError.self) { try ConfigMigration.validate(file.path, today: "2026-12-04") }
    }
}
