import SecureScanCore

/// `bandit -f json`: one result per issue with test id, severity, confidence, CWE and the numbered
/// source lines around it.
public struct BanditReport: ReportParser {
    public let format = "bandit"
    public let scanner = "bandit"
    public let scanType = ScanType.code
    public let summary = "bandit JSON output (bandit -r DIR -f json)"
    public let fingerprintKinds: [String] = ["code"]

    public init() {}

    struct Document: Decodable {
        var results: [Lenient<Result>]?
        var errors: [Problem]?
        var generated_at: String?
    }

    struct Result: Decodable {
        var code: String?
        var filename: String
        var issue_confidence: String?
        var issue_severity: String?
        var issue_text: String?
        var issue_cwe: CWE?
        var line_number: Int?
        var line_range: [Int]?
        var col_offset: Int?
        var end_col_offset: Int?
        var more_info: String?
        var test_id: String
        var test_name: String?
    }

    struct CWE: Decodable {
        var id: LooseText?
        var link: String?
    }

    struct Problem: Decodable {
        var filename: String?
        var reason: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let document = try ReportJSON.decode(Document.self, data, context: context)
        guard document.results != nil else { throw context.invalid("field results is missing: not bandit JSON output") }
        var skipped: [String] = []
        let results = ReportJSON.entries(document.results, skipped: &skipped)
        var drafts: [Finding.Draft] = []
        for result in results {
            let path = context.relative(result.filename)
            let lines = result.line_range?.isEmpty == false ? result.line_range! : result.line_number.map { [$0] } ?? []
            let start = lines.min() ?? result.line_number, end = lines.max() ?? result.line_number
            var properties: [String: String] = [:]
            if let confidence = result.issue_confidence { properties["confidence"] = confidence.lowercased() }
            if let name = result.test_name { properties["test_name"] = name }
            let cwe = result.issue_cwe?.id.flatMap { ReportValues.cwe($0.text) }
            drafts.append(Finding.Draft(
                ruleID: result.test_id, severity: ReportValues.severity(result.issue_severity) ?? .medium,
                title: result.issue_text.map { ReportValues.title($0) } ?? result.test_name ?? result.test_id,
                description: result.issue_text ?? "",
                location: Location(path: path, startLine: start, endLine: end,
                                   startColumn: result.col_offset.map { $0 + 1 }, endColumn: result.end_col_offset.map { $0 + 1 }),
                identity: .code(family: scanner, text: context.codeText(
                    snippet: start.flatMap { BanditReport.flagged(result.code, from: $0, to: end ?? $0) }, path: path, from: start, to: end)),
                scanType: .code,
                cwes: cwe.map { [$0] } ?? [],
                references: [result.more_info, result.issue_cwe?.link].compactMap { $0 },
                properties: properties))
        }
        let notes = (document.errors ?? []).map { "bandit could not scan \(context.relative($0.filename ?? "?")): \($0.reason ?? "unknown reason")" }
        try ReportJSON.requireSome(read: results.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, notes: notes, skipped: skipped)
    }

    /// The flagged lines out of bandit's numbered context (`"12 x = 1\n13 y = 2\n"`), numbers removed.
    static func flagged(_ code: String?, from: Int, to: Int) -> String? {
        guard let code else { return nil }
        var picked: [Substring] = []
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits), (from...max(from, to)).contains(number) else { continue }
            picked.append(line.dropFirst(digits.count).drop { $0 == " " || $0 == "\t" })
        }
        return picked.isEmpty ? nil : picked.joined(separator: "\n")
    }
}
