import Foundation
import SecureScanCore

/// `findings.sarif`: SARIF 2.1.0 for code-scanning dashboards.
///
/// Relative URIs against `SRCROOT`, our fingerprint under `partialFingerprints`, one rule per rule id with
/// `security-severity`, native `suppressions`, `baselineState` from the diff, and failed scanners as
/// tool execution notifications. No timestamps or run ids, so the same findings give the same bytes.
public struct SARIFFormat: OutputFormat {
    public let id = "sarif"
    public let fileName = "findings.sarif"
    public let mediaType = "application/sarif+json"
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key our fingerprint is published under.
    public static let fingerprintKey = "securescan/fp1"

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        let rules = SARIFFormat.rules(of: report.findings)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let failures = report.scannerRuns.filter(\.isError)
        let tool = Tool(
            driver: Driver(name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules: rules),
            extensions: report.scannerRuns.filter { $0.status == .ran }.map { Extension(name: $0.scanner, version: $0.version) })
        let invocation = Invocation(
            executionSuccessful: failures.isEmpty,
            toolExecutionNotifications: failures.map { run in
                Notification(
                    level: "error",
                    message: Message(text: "\(run.scanner) \(run.status == .timedOut ? "timed out" : "failed"): \(run.error ?? "no details")"),
                    descriptor: Reference(id: run.scanner))
            })
        // The log's small parts go through JSONEncoder; the results, one per finding, are streamed.
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        json.field("$schema", SARIFFormat.schemaURI)
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("automationDetails")
        try json.encodable(AutomationDetails(id: "securescan/\(report.target.name)/"), format: fileName)
        json.key("invocations")
        try json.encodable([invocation], format: fileName)
        json.key("originalUriBaseIds")
        try json.encodable(["SRCROOT": BaseID(description: Message(text: "The root of the scanned target \(report.target.name)"))],
                           format: fileName)
        json.key("properties")
        try json.encodable(RunProperties(target: report.target.name, commit: report.target.commit, branch: report.target.branch),
                           format: fileName)
        json.key("results")
        json.beginArray()
        for finding in report.findings { SARIFFormat.writeResult(finding, ruleIndex: ruleIndex[finding.ruleID] ?? 0, to: &json) }
        json.endArray()
        json.key("tool")
        try json.encodable(tool, format: fileName)
        json.endObject()
        json.endArray()
        json.field("version", "2.1.0")
        json.endObject()
        json.finishDocument()
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's `security-severity` scale: critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    private static func rules(of findings: [Finding]) -> [Rule] {
        var byID: [String: Finding] = [:]
        for finding in findings where byID[finding.ruleID] == nil { byID[finding.ruleID] = finding }
        return byID.keys.sorted().map { id in
            let finding = byID[id]!
            let tags = ["security", finding.scanner] + finding.cwes.map { "external/cwe/\($0.lowercased())" }
            return Rule(
                id: id, name: SARIFFormat.ruleName(id), shortDescription: Message(text: finding.title),
                fullDescription: Message(text: finding.title),
                help: finding.remediation.map { Message(text: $0) },
                defaultConfiguration: Configuration(level: level(finding.originalSeverity ?? finding.severity)),
                properties: RuleProperties(
                    securitySeverity: securitySeverity(finding.originalSeverity ?? finding.severity),
                    tags: tags, precision: finding.scanType == .code ? "high" : "very-high"))
        }
    }

    /// `secrets/aws-access-token` → `SecretsAwsAccessToken`: SARIF's recommended PascalCase rule name.
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// One `result`, keys in sorted order.
    private static func writeResult(_ finding: Finding, ruleIndex: Int, to json: inout PrettyJSONWriter) {
        json.beginObject()
        switch finding.change {
        case .new?, .reopened?: json.field("baselineState", "new")
        case .unchanged?: json.field("baselineState", "unchanged")
        default: break
        }
        json.field("level", level(finding.severity))
        if let location = finding.location {
            json.key("locations")
            json.beginArray()
            json.beginObject()
            json.key("physicalLocation")
            json.beginObject()
            json.key("artifactLocation")
            json.beginObject()
            json.field("uri", percentEncoded(location.path))
            json.field("uriBaseId", "SRCROOT")
            json.endObject()
            if let line = location.startLine {
                json.key("region")
                json.beginObject()
                json.field("endColumn", location.endColumn)
                json.field("endLine", location.endLine)
                if let evidence = finding.evidence { writeMessage("snippet", evidence, to: &json) }
                json.field("startColumn", location.startColumn)
                json.field("startLine", line)
                json.endObject()
            }
            json.endObject()
            json.endObject()
            json.endArray()
        }
        writeMessage("message", finding.description.isEmpty ? finding.title : finding.description, to: &json)
        json.key("partialFingerprints")
        json.beginObject()
        json.field(fingerprintKey, finding.fingerprint.rawValue)
        json.endObject()
        json.key("properties")
        json.beginObject()
        if !finding.aliases.isEmpty { json.field("aliases", finding.aliases) }
        json.field("change", finding.change?.rawValue)
        if !finding.cwes.isEmpty { json.field("cwes", finding.cwes) }
        // Exploitation: CISA KEV membership (with its due date and ransomware use) and the EPSS probability.
        json.field("epss", finding.properties[ExploitPrediction.property])
        json.field("epssPercentile", finding.properties[ExploitPrediction.percentileProperty])
        if finding.properties[KnownExploited.property] == "true" {
            json.field("knownExploited", "true")
            json.field("knownExploitedDueDate", finding.properties[KnownExploited.dueDateProperty])
            json.field("knownExploitedRansomware", finding.properties[KnownExploited.ransomwareProperty])
        }
        json.field("reportedBy", finding.reportedBy)
        json.field("scanner", finding.scanner)
        json.field("severity", finding.severity.rawValue)
        json.endObject()
        json.field("ruleId", finding.ruleID)
        json.field("ruleIndex", ruleIndex)
        if let suppression = finding.suppression {
            json.key("suppressions")
            json.beginArray()
            json.beginObject()
            json.field("justification", suppression.reason)
            json.field("kind", suppression.source == .inline ? "inSource" : "external")
            json.field("status", "accepted")
            json.endObject()
            json.endArray()
        }
        json.endObject()
    }

    private static func writeMessage(_ name: String, _ text: String, to json: inout PrettyJSONWriter) {
        json.key(name)
        json.beginObject()
        json.field("text", text)
        json.endObject()
    }

    /// Percent-encodes what a URI reference cannot carry literally; `/` stays.
    static func percentEncoded(_ path: String) -> String {
        if path.utf8.allSatisfy({ uriSafe[Int($0)] }) { return path }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/!$&'()*+,;=:@"))
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// The bytes ``percentEncoded(_:)`` keeps, for the common path that needs no encoding.
    private static let uriSafe: [Bool] = (0..<256).map { byte in
        guard byte < 0x80, let scalar = Unicode.Scalar(byte) else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "-._~/!$&'()*+,;=:@".unicodeScalars.contains(scalar)
    }

    // MARK: - The subset of the SARIF 2.1.0 object model we write

    private struct Tool: Encodable {
        let driver: Driver
        let extensions: [Extension]
    }

    private struct Driver: Encodable {
        let name: String
        let version: String
        let semanticVersion: String
        let rules: [Rule]
    }

    private struct Extension: Encodable {
        let name: String
        let version: String?
    }

    private struct AutomationDetails: Encodable { let id: String }
    private struct BaseID: Encodable { let description: Message }
    private struct RunProperties: Encodable {
        let target: String
        let commit: String?
        let branch: String?
    }

    private struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
    }

    private struct Notification: Encodable {
        let level: String
        let message: Message
        let descriptor: Reference
    }

    private struct Reference: Encodable { let id: String }
    private struct Message: Encodable { let text: String }
    private struct Configuration: Encodable { let level: String }

    private struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Message
        let fullDescription: Message
        let help: Message?
        let defaultConfiguration: Configuration
        let properties: RuleProperties
    }

    private struct RuleProperties: Encodable {
        let securitySeverity: String
        let tags: [String]
        let precision: String
        enum CodingKeys: String, CodingKey {
            case securitySeverity = "security-severity"
            case tags, precision
        }
    }
}
