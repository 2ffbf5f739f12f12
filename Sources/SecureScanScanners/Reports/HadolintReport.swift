import SecureScanCore

/// `hadolint -f json`: one entry per rule violation (DL… for Dockerfile rules, SC… for ShellCheck's
/// findings in RUN instructions) with file, line, column and level.
public struct HadolintReport: ReportParser {
    public let format = "hadolint"
    public let scanner = "hadolint"
    public let scanType = ScanType.iac
    public let summary = "hadolint JSON output (hadolint -f json Dockerfile…)"
    public let fingerprintKinds: [String] = ["code"]

    public init() {}

    struct Issue: Decodable {
        var line: Int?
        var code: String
        var message: String?
        var column: Int?
        var file: String
        var level: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        var skipped: [String] = []
        let issues = ReportJSON.entries(try ReportJSON.decode([Lenient<Issue>].self, data, context: context), skipped: &skipped)
        let drafts = issues.map { issue in
            let path = context.relative(issue.file)
            let wiki = issue.code.hasPrefix("SC") ? "https://www.shellcheck.net/wiki/\(issue.code)" : "https://github.com/hadolint/hadolint/wiki/\(issue.code)"
            return Finding.Draft(
                ruleID: issue.code, severity: HadolintReport.severity(issue.level),
                title: issue.message.map { ReportValues.title($0) } ?? issue.code,
                description: issue.message ?? "",
                location: Location(path: path, startLine: issue.line, startColumn: issue.column),
                identity: .code(family: scanner, text: context.codeText(snippet: nil, path: path, from: issue.line, to: issue.line)),
                scanType: .iac,
                references: [wiki],
                properties: issue.level.map { ["level": $0] } ?? [:])
        }
        try ReportJSON.requireSome(read: drafts.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, skipped: skipped)
    }

    static func severity(_ level: String?) -> Severity {
        switch level?.lowercased() {
        case "error": .high
        case "warning": .medium
        case "info": .low
        default: .info
        }
    }
}
