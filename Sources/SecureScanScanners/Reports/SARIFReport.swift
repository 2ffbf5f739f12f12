import Foundation
import SecureScanCore

/// Generic SARIF 2.1.0, from any tool: rules in `tool.driver` and `tool.extensions` (looked up by
/// `ruleIndex`, `rule.index`/`toolComponent` or id), `security-severity`, `level` with the rule's default,
/// message templates and `arguments`, locations resolved through `uriBaseId`s, `partialFingerprints`, and
/// `suppressions` (kept as suppressed findings). Each run is stored under its tool's scanner id.
public struct SARIFReport: ReportParser {
    public let format = "sarif"
    public let scanner = "sarif"
    public let scanType = ScanType.code
    public let summary = "SARIF 2.1.0 from any tool"
    public let fingerprintKinds: [String] = ["code"]

    public init() {}

    struct Log: Decodable {
        var version: String?
        var runs: [Lenient<Run>]?
    }

    /// Read first, so a log of another SARIF version is refused for its version, not its shape.
    struct Header: Decodable {
        var version: String?
    }

    struct Run: Decodable {
        var tool: Tool
        var results: [Lenient<Result>]?
        var originalUriBaseIds: [String: ArtifactLocation]?
        var artifacts: [Artifact]?
    }

    struct Tool: Decodable {
        var driver: Component
        var extensions: [Component]?
    }

    struct Component: Decodable {
        var name: String
        var version: String?
        var semanticVersion: String?
        var rules: [Rule]?
    }

    struct Rule: Decodable {
        var id: String
        var name: String?
        var shortDescription: Message?
        var fullDescription: Message?
        var help: Message?
        var helpUri: String?
        var messageStrings: [String: Message]?
        var defaultConfiguration: Configuration?
        var properties: Properties?
    }

    struct Configuration: Decodable {
        var level: String?
    }

    struct Properties: Decodable {
        var tags: [String]?
        var securitySeverity: LooseText?
        var precision: String?
        var problemSeverity: String?
        var cwe: OneOrMany<String>?

        enum CodingKeys: String, CodingKey {
            case tags, precision, cwe
            case securitySeverity = "security-severity"
            case problemSeverity = "problem.severity"
        }
    }

    struct Message: Decodable {
        var text: String?
        var markdown: String?
        var id: String?
        var arguments: [String]?
    }

    struct Result: Decodable {
        var ruleId: String?
        var ruleIndex: Int?
        var rule: RuleReference?
        var level: String?
        var kind: String?
        /// Required (SARIF 2.1.0 §3.27.11): a result without one is skipped.
        var message: Message
        var locations: [ResultLocation]?
        var partialFingerprints: [String: String]?
        var fingerprints: [String: String]?
        var suppressions: [SARIFSuppression]?
        var properties: Properties?
        var baselineState: String?
    }

    struct RuleReference: Decodable {
        var id: String?
        var index: Int?
        var toolComponent: ComponentReference?
    }

    struct ComponentReference: Decodable {
        var name: String?
        var index: Int?
    }

    struct ResultLocation: Decodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
    }

    struct LogicalLocation: Decodable {
        var fullyQualifiedName: String?
        var name: String?
    }

    struct PhysicalLocation: Decodable {
        var artifactLocation: ArtifactLocation?
        var region: Region?
        var contextRegion: Region?
    }

    struct ArtifactLocation: Decodable {
        var uri: String?
        var uriBaseId: String?
        var index: Int?
    }

    struct Artifact: Decodable {
        var location: ArtifactLocation?
    }

    struct Region: Decodable {
        var startLine: Int?
        var startColumn: Int?
        var endLine: Int?
        var endColumn: Int?
        var snippet: Snippet?
    }

    struct Snippet: Decodable {
        var text: String?
    }

    struct SARIFSuppression: Decodable {
        var kind: String?
        var status: String?
        var justification: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let reports = try parseRuns(data, context: context)
        var merged = ParsedReport()
        for report in reports {
            merged.observations.findings += report.observations.findings
            merged.observations.notes += report.observations.notes
            merged.observations.skipped += report.observations.skipped
        }
        merged.toolVersion = reports.first?.toolVersion
        merged.scanner = reports.first?.scanner
        return merged
    }

    public func parseReports(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> [ParsedReport] {
        try parseRuns(data, context: context)
    }

    func parseRuns(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> [ParsedReport] {
        let header = try ReportJSON.decode(Header.self, data, context: context)
        guard let version = header.version else { throw context.invalid("field version is missing: not a SARIF log") }
        // The 2.2 drafts keep 2.1.0's object model for everything read here.
        guard version == "2.1.0" || version == "2.2" else { throw context.invalid("SARIF version \(version) is not supported (this reads 2.1.0 and the 2.2 draft)") }
        let log = try ReportJSON.decode(Log.self, data, context: context)
        // `"runs": null` is a log whose tool failed before it could run (SARIF 2.1.0 §3.13.4).
        guard log.runs != nil else { return [ParsedReport(observations: Observations(notes: ["the SARIF log has no runs: its tool did not run"]))] }
        var skipped: [String] = []
        let runs = ReportJSON.entries(log.runs, skipped: &skipped)
        var byScanner: [String: ParsedReport] = [:]
        var order: [String] = []
        for (runIndex, run) in runs.enumerated() {
            let scanner = SARIFReport.scannerID(for: run.tool.driver.name)
            var report = byScanner[scanner] ?? ParsedReport(toolVersion: run.tool.driver.semanticVersion ?? run.tool.driver.version, scanner: scanner)
            if byScanner[scanner] == nil { order.append(scanner) }
            let components = [run.tool.driver] + (run.tool.extensions ?? [])
            var rulesByID: [String: Rule] = [:]
            for component in components { for rule in component.rules ?? [] where rulesByID[rule.id] == nil { rulesByID[rule.id] = rule } }
            for (index, entry) in (run.results ?? []).enumerated() {
                switch entry {
                case .skipped(let reason):
                    report.observations.skipped.append(reason)
                case .valid(let result):
                    switch draft(result, run: run, components: components, rulesByID: rulesByID, scanner: scanner, context: context) {
                    case .success(let finding): report.observations.findings.append(finding)
                    case .failure(let problem): report.observations.skipped.append("/runs/\(runIndex)/results/\(index)/\(problem.text)")
                    }
                }
            }
            byScanner[scanner] = report
        }
        let reports = order.map { byScanner[$0]! }
        try ReportJSON.requireSome(read: reports.reduce(0) { $0 + $1.observations.findings.count },
                                   skipped: skipped + reports.flatMap(\.observations.skipped), context: context)
        guard !skipped.isEmpty else { return reports }
        // Runs skipped whole are counted with the first run's report.
        var withRuns = reports.isEmpty ? [ParsedReport()] : reports
        withRuns[0].observations.skipped.insert(contentsOf: skipped, at: 0)
        return withRuns
    }

    /// Why a result that decoded cannot be used: the rest of its JSON pointer and what is wrong.
    struct Problem: Error { var text: String }

    private func draft(_ result: Result, run: Run, components: [Component], rulesByID: [String: Rule], scanner: String,
                       context: ReportContext) -> Swift.Result<Finding.Draft, Problem> {
        // The rule: by index into the named component's rules, else by id.
        var rule: Rule?
        let componentIndex = result.rule?.toolComponent?.index ?? result.rule?.toolComponent?.name.flatMap { name in components.firstIndex { $0.name == name } } ?? 0
        if let index = result.rule?.index ?? result.ruleIndex, index >= 0 {
            guard componentIndex >= 0, componentIndex < components.count, let rules = components[componentIndex].rules, index < rules.count else {
                let component = components[max(0, min(componentIndex, components.count - 1))]
                return .failure(Problem(text: "\(result.rule?.index != nil ? "rule/index" : "ruleIndex"): \(index) points past the \(component.rules?.count ?? 0) rules of \(component.name)"))
            }
            rule = rules[index]
        }
        let ruleID = result.ruleId ?? result.rule?.id ?? rule?.id ?? "sarif-result"
        if rule == nil { rule = rulesByID[ruleID] ?? ruleID.split(separator: "/").first.flatMap { rulesByID[String($0)] } }

        let message = SARIFReport.text(of: result.message, rule: rule) ?? rule?.shortDescription?.text ?? ruleID
        let physical = result.locations?.first?.physicalLocation
        let uri = physical?.artifactLocation.flatMap { SARIFReport.resolve($0, run: run) }
        let path = uri.map { context.path(ofURI: $0) } ?? ""
        let region = physical?.region
        let start = region?.startLine, end = region?.endLine ?? region?.startLine
        let level = result.level ?? rule?.defaultConfiguration?.level ?? "warning"
        let securitySeverity = (result.properties?.securitySeverity ?? rule?.properties?.securitySeverity).flatMap { Double($0.text) }
        let severity = securitySeverity.map(ReportValues.severity(score:)) ?? SARIFReport.severity(level: level, kind: result.kind)
        let tags = (rule?.properties?.tags ?? []) + (result.properties?.tags ?? [])
        var cwes = tags.compactMap(SARIFReport.cwe(fromTag:))
        cwes += (rule?.properties?.cwe?.values ?? []).compactMap(ReportValues.cwe)
        var properties: [String: String] = ["level": level]
        if let fingerprint = result.partialFingerprints?.keys.sorted().first.map({ "\($0)=\(result.partialFingerprints![$0]!)" }) {
            properties["partial_fingerprint"] = fingerprint
        }
        if let precision = rule?.properties?.precision { properties["precision"] = precision }
        if let score = securitySeverity { properties["security_severity"] = String(score) }
        if let state = result.baselineState { properties["baseline_state"] = state }
        if let logical = result.locations?.first?.logicalLocations?.first, let name = logical.fullyQualifiedName ?? logical.name { properties["logical_location"] = name }
        let title = rule?.shortDescription?.text.flatMap { $0.isEmpty ? nil : $0 } ?? ReportValues.title(message)
        let description = [message, rule?.fullDescription?.text].compactMap { $0 }.filter { !$0.isEmpty }
        var seen: Set<String> = []
        let suppression = (result.suppressions ?? []).first { ($0.status ?? "accepted") == "accepted" }.map { entry in
            Suppression(source: entry.kind == "inSource" ? .inline : .baseline,
                        reason: entry.justification.flatMap { $0.isEmpty ? nil : $0 } ?? "suppressed in the SARIF log (\(entry.kind ?? "external"))")
        }
        return .success(Finding.Draft(
            ruleID: ruleID, severity: severity, title: String(title.prefix(200)),
            description: description.filter { seen.insert($0).inserted }.joined(separator: "\n\n"),
            location: path.isEmpty ? nil : Location(path: path, startLine: start, endLine: end, startColumn: region?.startColumn, endColumn: region?.endColumn),
            identity: .code(family: scanner, text: context.codeText(snippet: region?.snippet?.text ?? physical?.contextRegion?.snippet?.text, path: path, from: start, to: end)),
            scanType: .code,
            cwes: Array(Set(cwes)).sorted(),
            aliases: ReportValues.advisoryIDs(tags.filter { $0.uppercased().hasPrefix("CVE-") || $0.uppercased().hasPrefix("GHSA-") }),
            remediation: rule?.help?.text.flatMap { $0.isEmpty ? nil : String($0.prefix(2000)) },
            references: [rule?.helpUri].compactMap { $0 },
            properties: properties,
            suppression: suppression))
    }

    /// A message's text: its own text, else the rule's message string by id, with `{0}`… filled in from arguments.
    static func text(of message: Message?, rule: Rule?) -> String? {
        guard let message else { return nil }
        guard var text = message.text ?? message.id.flatMap({ rule?.messageStrings?[$0]?.text }) ?? message.markdown else { return nil }
        for (index, argument) in (message.arguments ?? []).enumerated() { text = text.replacingAll("{\(index)}", with: argument) }
        return text
    }

    /// The artifact's URI, prefixed by its base (`uriBaseId` chains through `originalUriBaseIds`), or the
    /// `artifacts` entry an index points at.
    static func resolve(_ location: ArtifactLocation, run: Run) -> String? {
        var location = location
        if location.uri == nil, let index = location.index, let artifacts = run.artifacts, index >= 0, index < artifacts.count, let target = artifacts[index].location {
            location = target
        }
        guard var uri = location.uri else { return nil }
        var base = location.uriBaseId
        var depth = 0
        while let name = base, depth < 8, let parent = run.originalUriBaseIds?[name] {
            // A base the log defines relative to an unknown root contributes its own part; an absolute one is stripped later.
            if let prefix = parent.uri, !uri.hasPrefix("/"), !uri.contains("://") {
                uri = (prefix.hasSuffix("/") ? prefix : prefix + "/") + uri
            }
            base = parent.uriBaseId
            depth += 1
        }
        return uri
    }

    static func severity(level: String, kind: String?) -> Severity {
        if let kind, kind != "fail" { return .info }
        switch level {
        case "error": return .high
        case "warning": return .medium
        case "note": return .low
        default: return .info
        }
    }

    /// `CWE-89`, from tags like `external/cwe/cwe-89` (CodeQL), `CWE-89` or `cwe-89: …`.
    static func cwe(fromTag tag: String) -> String? {
        let lowered = tag.lowercased()
        guard let range = lowered.range(of: "cwe-") ?? lowered.range(of: "cwe/") else { return nil }
        return ReportValues.cwe("CWE-" + lowered[range.upperBound...])
    }

    /// The scanner a SARIF run belongs to: a tool we have an adapter for keeps that adapter's id, so its
    /// imported results and its runs diff against each other; any other tool gets its name as id.
    static func scannerID(for driver: String) -> String {
        let lowered = driver.lowercased()
        if let match = knownTools.first(where: { lowered.contains($0) }) { return match }
        if lowered.contains("securescan") { return "sarif-securescan" }
        let slug = lowered.split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
        return slug.isEmpty ? "sarif" : slug
    }

    /// The external tools' ids, longest first (so `pnpm-audit` is found before `npm-audit`): a log whose
    /// driver names one is stored under that tool, in line with the tool's own runs.
    static let knownTools: [String] = Scanners.all.filter { $0 is any ExternalToolAdapter }.map(\.id)
        .sorted { ($0.count, $1) > ($1.count, $0) }
}
