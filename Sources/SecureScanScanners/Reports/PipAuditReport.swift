import SecureScanCore

/// `pip-audit -f json`: a list of dependencies (older releases) or `{"dependencies": […], "fixes": […]}`,
/// each with its vulnerabilities (PYSEC, GHSA or CVE id, aliases, fix versions). Skipped dependencies
/// (`skip_reason`) become notes.
public struct PipAuditReport: ReportParser {
    public let format = "pip-audit"
    public let scanner = "pip-audit"
    public let scanType = ScanType.dependency
    public let summary = "pip-audit JSON output (pip-audit -f json)"
    public let fingerprintKinds: [String] = ["dependency"]

    public init() {}

    struct Document: Decodable {
        var dependencies: [Lenient<Dependency>]
    }

    struct Dependency: Decodable {
        var name: String
        var version: String?
        var vulns: [Vulnerability]?
        var skip_reason: String?
    }

    struct Vulnerability: Decodable {
        var id: String
        var fix_versions: [String]?
        var aliases: [String]?
        var description: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        let listed = ReportJSON.firstByte(data) == UInt8(ascii: "[")
            ? try ReportJSON.decode([Lenient<Dependency>].self, data, context: context)
            : try ReportJSON.decode(Document.self, data, context: context).dependencies
        var skipped: [String] = []
        let dependencies = ReportJSON.entries(listed, skipped: &skipped)
        var drafts: [Finding.Draft] = []
        var notes: [String] = []
        for dependency in dependencies {
            if let reason = dependency.skip_reason { notes.append("\(dependency.name) was not audited: \(reason)") }
            for vulnerability in dependency.vulns ?? [] {
                let description = vulnerability.description ?? ""
                drafts.append(VulnerabilityDraft(
                    ecosystem: "PyPI", package: PipAuditReport.normalized(dependency.name), version: dependency.version ?? "",
                    manifestPath: context.manifest ?? "", ids: [vulnerability.id] + (vulnerability.aliases ?? []),
                    severity: .medium, title: ReportValues.title(description),
                    description: description, fixedVersions: vulnerability.fix_versions ?? [],
                    properties: ["severity_source": "default"]).draft)
            }
        }
        try ReportJSON.requireSome(read: dependencies.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, notes: notes, skipped: skipped)
    }

    /// PEP 503 name normalization, as the built-in catalog writes PyPI names.
    static func normalized(_ name: String) -> String {
        name.lowercased().split { $0 == "_" || $0 == "." || $0 == "-" }.joined(separator: "-")
    }
}
