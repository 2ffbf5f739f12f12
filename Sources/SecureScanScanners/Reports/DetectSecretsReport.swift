import SecureScanCore

/// A detect-secrets baseline (`detect-secrets scan`): per file, the secret's type, line and SHA-1
/// (`hashed_secret`); the value itself is never in the file, so its hash is the identity.
public struct DetectSecretsReport: ReportParser {
    public let format = "detect-secrets"
    public let scanner = "detect-secrets"
    public let scanType = ScanType.code
    public let summary = "detect-secrets baseline JSON (detect-secrets scan)"
    public let fingerprintKinds: [String] = ["secret"]

    public init() {}

    struct Baseline: Decodable {
        var version: String?
        var results: [String: [Lenient<Secret>]]?
    }

    struct Secret: Decodable {
        var type: String
        var filename: String?
        var hashed_secret: String
        var is_verified: Bool?
        var line_number: Int?
        var is_secret: Bool?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let baseline = try ReportJSON.decode(Baseline.self, data, context: context)
        guard let results = baseline.results else { throw context.invalid("field results is missing: not a detect-secrets baseline") }
        var drafts: [Finding.Draft] = []
        var skipped: [String] = []
        var audited = 0
        for file in results.keys.sorted() {
            for secret in ReportJSON.entries(results[file], skipped: &skipped) {
                // An audited baseline marks false positives with is_secret: false: kept, as suppressed.
                if secret.is_secret == false { audited += 1 }
                var properties = ["hashed_secret": secret.hashed_secret]
                if secret.is_verified == true { properties["verified"] = "true" }
                var draft = SecretDraft(
                    rule: secret.type.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-"), title: secret.type,
                    path: context.relative(secret.filename ?? file), line: secret.line_number, maskedText: "sha1:" + secret.hashed_secret,
                    severity: secret.is_verified == true ? .critical : .high, properties: properties).draft
                draft.identity = .secret(valueDigest: SecretDigest.of(Array(("detect-secrets-sha1:" + secret.hashed_secret).utf8)))
                if secret.is_secret == false { draft.suppression = Suppression(source: .baseline, reason: "audited as not a secret in the detect-secrets baseline") }
                drafts.append(draft)
            }
        }
        let notes = audited > 0 ? ["\(audited) result\(audited == 1 ? " is" : "s are") audited as not a secret: kept as suppressed"] : []
        try ReportJSON.requireSome(read: drafts.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, notes: notes, toolVersion: baseline.version, skipped: skipped)
    }
}
