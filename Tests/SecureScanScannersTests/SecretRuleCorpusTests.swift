import Foundation
import Testing
import TestSupport
@testable import SecureScanScanners

/// The secret rules against gitleaks' own true- and false-positive samples
/// (`fixtures/secrets/gitleaks/EXPECTED_rule_cases.jsonl`), each rule checked in isolation as gitleaks does.
@Suite struct SecretRuleCorpusTests {
    struct Case: Decodable {
        let rule_id: String
        let expect: String
        let sample: String
    }

    static func loadCases() throws -> [Case] {
        let text = String(decoding: try Fixtures.data("secrets/gitleaks/EXPECTED_rule_cases.jsonl"), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    /// Whether `rule` finds anything in `sample`.
    /// The cases of a `cases.jsonl` fixture (one JSON object a line).
    static func cases(_ fixture: String) throws -> [Case] {
        let text = String(decoding: try Fixtures.data(fixture), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    /// The cases that do not come out as expected with their rule alone, described.
    static func wrong(_ cases: [Case]) throws -> [String] {
        let rules = Dictionary(uniqueKeysWithValues: SecretRules.all.map { ($0.id, $0) })
        var wrong: [String] = []
        for item in cases {
            let rule = try #require(rules[item.rule_id], "no rule \(item.rule_id)")
            if try matches(rule, item.sample) != (item.expect == "match") {
                wrong.append("\(item.expect == "match" ? "missed " : "flagged") \(item.rule_id): \(item.sample)")
            }
        }
        return wrong
    }

    static func matches(_ rule: SecretRule, _ sample: String) throws -> Bool {
        let detector = try SecretDetector(rules: [rule])
        let scratch = detector.makeScratch()
        return Array(sample.utf8).withUnsafeBufferPointer { !detector.detect($0, scratch: scratch).isEmpty }
    }

    @Test func everyRuleWithSamplesMeetsRecallAndPrecisionTargets() throws {
        let cases = try Self.loadCases()
        let rules = Dictionary(uniqueKeysWithValues: SecretRules.all.map { ($0.id, $0) })
        var truePositives = 0, falseNegatives = 0, falsePositives = 0, trueNegatives = 0
        var perRule: [String: (tp: Int, fn: Int, fp: Int, tn: Int)] = [:]
        var failures: [String] = []
        for item in cases {
            guard let rule = rules[item.rule_id] else { continue }
            let found = try Self.matches(rule, item.sample)
            var tally = perRule[item.rule_id] ?? (0, 0, 0, 0)
            switch (item.expect == "match", found) {
            case (true, true): truePositives += 1; tally.tp += 1
            case (true, false): falseNegatives += 1; tally.fn += 1; failures.append("missed  \(item.rule_id): \(item.sample.prefix(120))")
            case (false, true): falsePositives += 1; tally.fp += 1; failures.append("flagged \(item.rule_id): \(item.sample.prefix(120))")
            case (false, false): trueNegatives += 1; tally.tn += 1
            }
            perRule[item.rule_id] = tally
        }
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        let specificity = Double(trueNegatives) / Double(max(1, trueNegatives + falsePositives))
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let covered = perRule.count
        print("secret rule corpus: \(covered) rules with samples, \(cases.count) cases; "
            + "TP \(truePositives) FN \(falseNegatives) FP \(falsePositives) TN \(trueNegatives); "
            + "recall \(recall), precision \(precision), true-negative rate \(specificity)")
        for failure in failures { print("  " + failure) }
        #expect(covered >= 80, "rules covered by the corpus: \(covered)")
        #expect(recall >= 0.97, "recall \(recall)")
        #expect(specificity >= 0.95, "true-negative rate \(specificity)")
    }
}
