import SecureScanCore

/// `gitleaks detect --report-format json`: v8 (`RuleID`, `Secret`, `StartLine`, …) and the v7 and
/// older layout (`rule`, `offender`, `lineNumber`, …). `null` or an empty list means nothing was found.
public struct GitleaksReport: ReportParser {
    public let format = "gitleaks"
    public let scanner = "gitleaks"
    public let scanType = ScanType.code
    public let summary = "gitleaks JSON report, v7 and v8 layouts (gitleaks detect --report-format json)"
    public let fingerprintKinds: [String] = ["secret"]

    public init() {}

    struct Leak: Decodable {
        // v8
        var RuleID: String?
        var Description: String?
        var StartLine: Int?
        var EndLine: Int?
        var StartColumn: Int?
        var Match: String?
        var Secret: String?
        var File: String?
        var Commit: String?
        var Entropy: Double?
        var Tags: OneOrMany<String>?
        // v7 and older
        var rule: String?
        var line: String?
        var lineNumber: Int?
        var offender: String?
        var file: String?
        var commit: String?
        var tags: OneOrMany<String>?
        var leakURL: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        guard let listed = try ReportJSON.decode([Lenient<Leak>]?.self, data, context: context) else { return ParsedReport() }
        var drafts: [Finding.Draft] = []
        var values: [String] = []
        var skipped: [String] = []
        for (index, entry) in listed.enumerated() {
            guard case .valid(let leak) = entry else {
                if case .skipped(let reason) = entry { skipped.append(reason) }
                continue
            }
            guard let rawPath = leak.File ?? leak.file else {
                skipped.append("/\(index)/File: is missing, and the format requires it")
                continue
            }
            let rule = leak.RuleID ?? leak.rule ?? "gitleaks"
            let value = leak.Secret ?? leak.offender
            if let value, !SecretDraft.isMasked(value) { values.append(value) }
            var properties: [String: String] = [:]
            if let commit = leak.Commit ?? leak.commit, !commit.isEmpty { properties["commit"] = commit }
            if let entropy = leak.Entropy, entropy > 0 { properties["entropy"] = String(entropy) }
            let tags = (leak.Tags ?? leak.tags)?.values.joined(separator: ", ") ?? ""
            if !tags.isEmpty { properties["tags"] = tags }
            let line = leak.StartLine ?? leak.lineNumber
            drafts.append(SecretDraft(
                rule: GitleaksReport.ruleID(rule), title: leak.Description ?? rule, path: context.relative(rawPath),
                line: line.flatMap { $0 > 0 ? $0 : nil }, endLine: leak.EndLine, column: leak.StartColumn,
                value: value, maskedText: leak.Match ?? leak.line, context: leak.Match ?? leak.line,
                properties: properties, references: [leak.leakURL].compactMap { $0?.isEmpty == false ? $0 : nil }).draft)
        }
        try ReportJSON.requireSome(read: drafts.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, sensitiveValues: values, skipped: skipped)
    }

    /// v7 rule names (`AWS Access Key`) as ids (`aws-access-key`); v8 ids as they are.
    static func ruleID(_ rule: String) -> String {
        guard rule.contains(" ") || rule.contains(where: \.isUppercase) else { return rule }
        return rule.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    }
}
