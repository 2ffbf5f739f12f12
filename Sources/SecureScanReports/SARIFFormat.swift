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

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        let rules = SARIFFormat.rules(of: report.findings)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let failures = report.scannerRuns.filter(\.isError)
        let log = Log(
            schema: SARIFFormat.schemaURI, version: "2.1.0",
            runs: [Run(
                tool: Tool(
                    driver: Driver(
                        name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version,
                        rules: rules),
                    extensions: report.scannerRuns.filter { $0.status == .ran }.map {
                        Extension(name: $0.scanner, version: $0.version)
                    }),
                automationDetails: AutomationDetails(id: "securescan/\(report.target.name)/"),
                originalUriBaseIds: ["SRCROOT": BaseID(description: Message(text: "The root of the scanned target \(report.target.name)"))],
                properties: RunProperties(target: report.target.name, commit: report.target.commit, branch: report.target.branch),
                invocations: [Invocation(
                    executionSuccessful: failures.isEmpty,
                    toolExecutionNotifications: failures.map { run in
                        Notification(
                            level: "error",
                            message: Message(text: "\(run.scanner) \(run.status == .timedOut ? "timed out" : "failed"): \(run.error ?? "no details")"),
                            descriptor: Reference(id: run.scanner))
                    })],
                results: report.findings.map { SARIFFormat.result(for: $0, ruleIndex: ruleIndex[$0.ruleID] ?? 0) })])
        return try StableJSON.data(log, format: fileName)
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

    private static func result(for finding: Finding, ruleIndex: Int) -> Result {
        let location = finding.location.map { location in
            Location(physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: percentEncoded(location.path), uriBaseId: "SRCROOT"),
                region: location.startLine.map { line in
                    Region(startLine: line, endLine: location.endLine, startColumn: location.startColumn,
                           endColumn: location.endColumn, snippet: finding.evidence.map { Message(text: $0) })
                }))
        }
        let suppressions = finding.suppression.map { suppression in
            [SuppressionEntry(kind: suppression.source == .inline ? "inSource" : "external", status: "accepted",
                              justification: suppression.reason)]
        }
        let baselineState: String? = switch finding.change {
        case .new?, .reopened?: "new"
        case .unchanged?: "unchanged"
        default: nil
        }
        return Result(
            ruleId: finding.ruleID, ruleIndex: ruleIndex, level: level(finding.severity),
            message: Message(text: finding.description.isEmpty ? finding.title : finding.description),
            locations: location.map { [$0] }, partialFingerprints: [fingerprintKey: finding.fingerprint.rawValue],
            baselineState: baselineState, suppressions: suppressions,
            properties: ResultProperties(
                severity: finding.severity.rawValue, scanner: finding.scanner, reportedBy: finding.reportedBy,
                change: finding.change?.rawValue, cwes: finding.cwes.isEmpty ? nil : finding.cwes,
                aliases: finding.aliases.isEmpty ? nil : finding.aliases))
    }

    /// Percent-encodes what a URI reference cannot carry literally; `/` stays.
    static func percentEncoded(_ path: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/!$&'()*+,;=:@"))
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    // MARK: - The subset of the SARIF 2.1.0 object model we write

    private struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        let tool: Tool
        let automationDetails: AutomationDetails
        let originalUriBaseIds: [String: BaseID]
        let properties: RunProperties
        let invocations: [Invocation]
        let results: [Result]
    }

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

    private struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Message
        let locations: [Location]?
        let partialFingerprints: [String: String]
        let baselineState: String?
        let suppressions: [SuppressionEntry]?
        let properties: ResultProperties
    }

    private struct ResultProperties: Encodable {
        let severity: String
        let scanner: String
        let reportedBy: [String]
        let change: String?
        let cwes: [String]?
        let aliases: [String]?
    }

    private struct SuppressionEntry: Encodable {
        let kind: String
        let status: String
        let justification: String
    }

    private struct Location: Encodable { let physicalLocation: PhysicalLocation }

    private struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    private struct ArtifactLocation: Encodable {
        let uri: String
        let uriBaseId: String
    }

    private struct Region: Encodable {
        let startLine: Int
        let endLine: Int?
        let startColumn: Int?
        let endColumn: Int?
        let snippet: Message?
    }
}
