import Foundation
import Testing
import TestSupport
@testable import SecureScanScanners

/// The rules for formats without a fixed prefix (IBM Cloud, SoftLayer, Cloudant, npm auth files, Discord
/// bot tokens, Twilio, credentials in URLs of other schemes) against cases written from each provider's
/// documented format (`fixtures/secrets/providers/cases.jsonl`, sources in SOURCES.md): true cases in the
/// syntaxes they appear in, and look-alikes (placeholders, references, masked and other providers' values)
/// that must not fire. Every case must come out as expected.
@Suite struct ProviderSecretRuleTests {
    @Test func everyCaseComesOutAsExpected() throws {
        let cases = try SecretRuleCorpusTests.cases("secrets/providers/cases.jsonl")
        let wrong = try SecretRuleCorpusTests.wrong(cases)
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        #expect(cases.count >= 70)
    }

    /// A true case of one rule is not also reported by another (one secret, one finding), and not left to
    /// a generic rule when every rule is loaded.
    @Test func noOtherRuleReportsTheSameSecret() throws {
        let cases = try SecretRuleCorpusTests.cases("secrets/providers/cases.jsonl")
        let detector = try SecretDetector(rules: SecretRules.all)
        let scratch = detector.makeScratch()
        for item in cases where item.expect == "match" {
            let found = Array(item.sample.utf8).withUnsafeBufferPointer { detector.detect($0, scratch: scratch) }
            let ids = Set(found.map { detector.rules[$0.rule].id })
            // A token with a provider prefix in an `.npmrc` is reported by that provider's rule.
            let generic = Set(SecretRules.generic.map(\.id))
            #expect(ids.contains(item.rule_id) || ids.allSatisfy { !generic.contains($0) },
                    "\(item.rule_id) not reported with every rule loaded: \(item.sample) (\(ids.sorted()))")
            #expect(ids.count == 1, "\(item.sample): \(ids.sorted())")
        }
    }
}
