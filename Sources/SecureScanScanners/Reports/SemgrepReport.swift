import SecureScanCore

/// `semgrep scan --json`: results with rule, span, severity and the rule's metadata (CWE strings like
/// `"CWE-89: Improper Neutralization…"`, OWASP, references). Exact duplicates (same rule, file and span,
/// which semgrep repeats when two rule files hold the same rule) are reported once.
public struct SemgrepReport: ReportParser {
    public let format = "semgrep"
    public let scanner = "semgrep"
    public let scanType = ScanType.code
    public let summary = "semgrep JSON output (semgrep scan --json)"
    public let fingerprintKinds: [String] = ["code"]

    public init() {}

    struct Document: Decodable {
        var version: String?
        var results: [Lenient<Result>]?
        var errors: [Problem]?
        var vulns: IgnoredValue?
    }

    struct Result: Decodable {
        var check_id: String
        var path: String
        var start: Position?
        var end: Position?
        var extra: Extra?
    }

    struct Position: Decodable {
        var line: Int?
        var col: Int?
    }

    struct Extra: Decodable {
        var message: String?
        var severity: String?
        var metadata: Metadata?
        var lines: String?
        var fix: String?
        var is_ignored: Bool?
        var fingerprint: String?
    }

    struct Metadata: Decodable {
        var cwe: OneOrMany<String>?
        var owasp: OneOrMany<String>?
        var references: OneOrMany<String>?
        var confidence: String?
        var category: String?
        var likelihood: String?
        var impact: String?
        var source: String?
        var shortlink: String?
        var cve: OneOrMany<String>?
        var ghsa: OneOrMany<String>?
    }

    struct Problem: Decodable {
        var message: String?
        var level: String?
        var type: OneOrMany<LooseText>?
        var path: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let document = try ReportJSON.decode(Document.self, data, context: context)
        guard let listed = document.results else {
            if document.vulns != nil {
                throw context.invalid("this is a Semgrep App supply-chain API export (vulns), not `semgrep scan --json` output; import the CLI's JSON or SARIF instead")
            }
            throw context.invalid("field results is missing: not semgrep JSON output")
        }
        var skipped: [String] = []
        let results = ReportJSON.entries(listed, skipped: &skipped)
        var drafts: [Finding.Draft] = []
        var seen: Set<String> = []
        var ignored = 0
        for result in results {
            let path = context.relative(result.path)
            let start = result.start?.line, end = result.end?.line
            let key = [result.check_id, path, "\(start ?? 0)", "\(result.start?.col ?? 0)", "\(end ?? 0)", "\(result.end?.col ?? 0)"].joined(separator: "\u{0}")
            guard seen.insert(key).inserted else { continue }
            let extra = result.extra
            if extra?.is_ignored == true { ignored += 1 }
            let metadata = extra?.metadata
            let message = extra?.message ?? result.check_id
            var references = metadata?.references?.values ?? []
            for link in [metadata?.source, metadata?.shortlink].compactMap({ $0 }) where !references.contains(link) { references.append(link) }
            var properties: [String: String] = [:]
            if let confidence = metadata?.confidence { properties["confidence"] = confidence }
            if let category = metadata?.category { properties["category"] = category }
            if let owasp = metadata?.owasp?.values, !owasp.isEmpty { properties["owasp"] = owasp.joined(separator: "; ") }
            if let fingerprint = extra?.fingerprint, fingerprint != "requires login" { properties["semgrep_fingerprint"] = fingerprint }
            let ruleName = result.check_id.split(separator: ".").last.map(String.init) ?? result.check_id
            drafts.append(Finding.Draft(
                ruleID: result.check_id, severity: SemgrepReport.severity(extra?.severity),
                title: message.isEmpty ? ruleName : ReportValues.title(message),
                description: message,
                location: Location(path: path, startLine: start, endLine: end, startColumn: result.start?.col, endColumn: result.end?.col),
                identity: .code(family: scanner, text: context.codeText(snippet: extra?.lines, path: path, from: start, to: end)),
                scanType: .code,
                cwes: ReportValues.cwes(metadata?.cwe?.values ?? []),
                aliases: ReportValues.advisoryIDs((metadata?.cve?.values ?? []) + (metadata?.ghsa?.values ?? [])),
                remediation: extra?.fix.map { "Suggested fix: \($0)" },
                references: references,
                properties: properties,
                suppression: extra?.is_ignored == true ? Suppression(source: .inline, reason: "nosemgrep comment in the code") : nil))
        }
        var notes = (document.errors ?? []).map { problem in
            "semgrep \(problem.level ?? "error")\(problem.path.map { " in \(context.relative($0))" } ?? ""): \(ReportValues.head(problem.message ?? "unknown error", lines: 2))"
        }
        if ignored > 0 { notes.append("\(ignored) result\(ignored == 1 ? " is" : "s are") marked nosemgrep in the code: kept as suppressed") }
        try ReportJSON.requireSome(read: results.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, notes: notes, toolVersion: document.version, skipped: skipped)
    }

    /// ERROR, WARNING, INFO (and the newer CRITICAL … LOW) on the five-step scale.
    static func severity(_ label: String?) -> Severity {
        switch label?.uppercased() {
        case "CRITICAL": .critical
        case "ERROR", "HIGH": .high
        case "WARNING", "MEDIUM": .medium
        case "INFO", "LOW": .low
        case "INVENTORY", "EXPERIMENT": .info
        default: .medium
        }
    }
}
