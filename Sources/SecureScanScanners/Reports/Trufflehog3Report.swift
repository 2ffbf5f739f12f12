import SecureScanCore

/// `trufflehog3 --format json`: the 3.x layout (`rule`, `path`, `line`, `secret`, `context`) and the
/// legacy 2.x-compatible one (`reason`, `path`, `stringsFound`).
public struct Trufflehog3Report: ReportParser {
    public let format = "trufflehog3"
    public let scanner = "trufflehog3"
    public let scanType = ScanType.code
    public let summary = "trufflehog3 JSON output (trufflehog3 --format json)"
    public let fingerprintKinds: [String] = ["secret"]

    public init() {}

    struct Issue: Decodable {
        var rule: Rule?
        var path: String
        var line: LooseText?
        var secret: String?
        var context: [String: String]?
        var commit: String?
        var branch: String?
        // legacy
        var reason: String?
        var stringsFound: [String]?
        var commitHash: String?
    }

    struct Rule: Decodable {
        var id: String?
        var message: String?
        var severity: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        var skipped: [String] = []
        let issues = ReportJSON.entries(try ReportJSON.decode([Lenient<Issue>].self, data, context: context), skipped: &skipped)
        var drafts: [Finding.Draft] = []
        var values: [String] = []
        for issue in issues {
            let path = context.relative(issue.path)
            var properties: [String: String] = [:]
            if let commit = issue.commit ?? issue.commitHash, !commit.isEmpty { properties["commit"] = commit }
            if let branch = issue.branch, !branch.isEmpty { properties["branch"] = branch }
            if let rule = issue.rule {
                let line = issue.line?.int
                let contextLine = line.flatMap { issue.context?[String($0)] } ?? issue.context?.values.sorted().first
                if let secret = issue.secret, !SecretDraft.isMasked(secret) { values.append(secret) }
                drafts.append(SecretDraft(
                    rule: rule.id ?? "trufflehog3", title: rule.message ?? rule.id ?? "Secret", path: path, line: line,
                    value: issue.secret, maskedText: contextLine, context: contextLine,
                    severity: ReportValues.severity(rule.severity) ?? .high, properties: properties).draft)
            } else {
                // Legacy issues quote whole diff lines; the lines are the only handle on the secret.
                // The same secret shows up once per commit that touched it, as an added or removed diff line.
                let strings = Array(Set((issue.stringsFound ?? []).map { line in
                    String(line.drop { $0 == "+" || $0 == "-" }).trimmingWhitespace()
                })).sorted()
                values += strings
                let reason = issue.reason ?? "Secret"
                drafts.append(SecretDraft(
                    rule: reason.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-"), title: reason, path: path,
                    value: strings.sorted().joined(separator: "\n"), properties: properties).draft)
            }
        }
        try ReportJSON.requireSome(read: issues.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, sensitiveValues: values, skipped: skipped)
    }
}
