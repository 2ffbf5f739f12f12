import Testing
@testable import SecureScanCore
@testable import SecureScanPipeline

/// The `licenses:` section of `securescan.yml`.
@Suite struct LicensePolicyConfigTests {
    let loader = ConfigLoader(knownScanners: ["licenses"])

    @Test func idsAreCanonicalizedAndSeveritiesRead() throws {
        let config = try loader.parse("""
            licenses:
              deny: [agpl-3.0-only, LicenseRef-Proprietary]
              allow: [MIT, apache-2.0]
              violation: critical
              copyleft: off
              unknown: low
            """, file: "s.yml")
        #expect(config.licenses.deny == ["AGPL-3.0-only", "LicenseRef-Proprietary"])
        #expect(config.licenses.allow == ["MIT", "Apache-2.0"])
        #expect(config.licenses.violation == .critical)
        #expect(config.licenses.copyleft == nil)
        #expect(config.licenses.unknown == .low)
    }

    @Test func aNameInsteadOfAnIdIsAnErrorWithASuggestion() {
        #expect(throws: PipelineError.config(file: "s.yml", line: 2, column: 10, message: "'GPLv3' in licenses.deny is not an SPDX license id (did you mean GPL-3.0-only?)")) {
            try loader.parse("licenses:\n  deny: [GPLv3]\n", file: "s.yml")
        }
    }

    @Test func anUnknownKeyIsNamed() {
        #expect(throws: PipelineError.self) { try loader.parse("licenses:\n  denied: [MIT]\n", file: "s.yml") }
    }
}
