import Foundation
import Testing
import TestSupport
@testable import SecureScanScanners

/// Keyword secret detection on `fixtures/secrets/keywords/cases.jsonl` (written by
/// `scripts/secret-keyword-cases.py`): in twenty syntaxes, values assigned to, compared with or passed as
/// a secret-sounding name must be found with the exact value, and look-alikes (placeholders, references,
/// calls, paths, URLs, numbers, short and low-entropy values, names about a secret) must not be.
@Suite struct KeywordSecretTests {
    struct Case: Decodable {
        let id: String
        let syntax: String
        let file: String
        let text: String
        let expect: String
        let secret: String?
    }

    static func loadCases() throws -> [Case] {
        let text = String(decoding: try Fixtures.data("secrets/keywords/cases.jsonl"), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
    }

    /// The values every rule of the catalog finds in `text`, as the scanner calls the engine for `file`.
    static func secrets(in text: String, file: String, detector: SecretDetector) -> [(rule: String, value: String)] {
        let scratch = detector.makeScratch()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            detector.detect(buffer, inSourceCode: SourceLanguage.isProgramSource(file[...]), scratch: scratch).map {
                (detector.rules[$0.rule].id, String(decoding: buffer[$0.secret], as: UTF8.self))
            }
        }
    }

    @Test func everyCaseComesOutAsExpected() throws {
        let cases = try Self.loadCases()
        let detector = try SecretDetector(rules: SecretRules.all)
        var wrong: [String] = []
        var truePositives = 0, falsePositives = 0
        for item in cases {
            let found = Self.secrets(in: item.text, file: item.file, detector: detector)
            if let secret = item.secret {
                if found.contains(where: { $0.value == secret }) {
                    truePositives += 1
                } else {
                    wrong.append("missed \(item.id): \(item.text.debugDescription) found \(found.map(\.value))")
                }
            } else if !found.isEmpty {
                falsePositives += 1
                wrong.append("flagged \(item.id): \(item.text.debugDescription) by \(found.map(\.rule))")
            }
        }
        let positives = cases.filter { $0.secret != nil }.count
        #expect(cases.count >= 300)
        #expect(Set(cases.map(\.syntax)).count >= 20)
        // Every secret found with its exact value, no look-alike reported (docs/benchmarks.md has the figures).
        #expect(truePositives == positives && falsePositives == 0, "\(wrong.joined(separator: "\n"))")
    }

    @Test func namesAreJudgedByTheirWords() {
        for name in ["DB_PASSWORD", "smtpPassword", "PGPASSWORD", "bind_pw", "redis_pass", "$db_password", ":password",
                     "ENV['DB_PASSWORD']", "keystore.password", "Password"] {
            #expect(KeywordName.kind(of: name) == .password, "\(name)")
        }
        for name in ["apiKey", "ApiKey", "X_API_KEY", "secretKey", "client_secret", "AUTH_TOKEN", "authToken", "API_TOKEN_2",
                     "$config['secret']", "Authorization", "private_key", "encryption_key", "secret_key_base", "githubToken"] {
            #expect(KeywordName.kind(of: name) == .credential, "\(name)")
        }
        for name in ["password_length", "passwordMinLength", "tokenUrl", "token_type", "secret_name", "public_key", "sort_key",
                     "bypass", "passport", "keystore", "is_auth_enabled", "csrf_token", "next_page_token", "author",
                     "tokenizer", "secretary", "api_key_header", "PASSWORD_FIELD", "kTokenLength", "PasswordPropertyName",
                     "auth_method", "monkey"] {
            #expect(KeywordName.kind(of: name) == nil, "\(name)")
        }
        #expect(KeywordName.words(of: "APIKeyValue") == ["api", "key", "value"])
        #expect(KeywordName.words(of: "$config['db_pass']") == ["config", "db", "pass"])
    }
}
