import Foundation
import Testing
import TestSupport
@testable import SecureScanScanners

/// The formats of gitleaks' default configuration that gitleaks gives no samples for
/// (`SecretRules.providerFormats`), against cases built from each rule's token format by
/// `scripts/gitleaks-format-cases.py`: two true cases in different syntaxes, and look-alikes (a placeholder
/// of the same shape, a value too short for the format, a provider value under an unrelated name) that
/// must not fire.
@Suite struct ProviderFormatRuleTests {
    static func cases() throws -> [SecretRuleCorpusTests.Case] { try SecretRuleCorpusTests.cases("secrets/gitleaks-formats/cases.jsonl") }

    @Test func everyCaseComesOutAsExpectedWithItsRuleAlone() throws {
        let cases = try Self.cases()
        let wrong = try SecretRuleCorpusTests.wrong(cases)
        #expect(wrong.isEmpty, "\(wrong.count) wrong:\n\(wrong.joined(separator: "\n"))")
        #expect(Set(cases.map(\.rule_id)) == Set(SecretRules.providerFormats.map(\.id)), "every rule has its cases")
    }

    /// With the whole catalog loaded each true case is one finding: its own rule's, or an earlier rule's
    /// that already knew the value (the earlier rule keeps it, so existing fingerprints do not change).
    @Test func everyTrueCaseIsOneFindingWithTheWholeCatalog() throws {
        let detector = try SecretDetector(rules: SecretRules.all)
        let scratch = detector.makeScratch()
        var missed: [String] = []
        for item in try Self.cases() where item.expect == "match" {
            let found = Array(item.sample.utf8).withUnsafeBufferPointer { detector.detect($0, scratch: scratch) }
            if found.count != 1 { missed.append("\(item.rule_id) (\(found.count) findings): \(item.sample)") }
        }
        #expect(missed.isEmpty, "\(missed.joined(separator: "\n"))")
    }
}
