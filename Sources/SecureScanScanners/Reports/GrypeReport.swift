import SecureScanCore

/// `grype -o json`: matches of a vulnerability to an artifact (package) found at one or more locations.
/// Related vulnerabilities (the CVE behind a GHSA) are aliases; the finding sits at the artifact's first
/// location, so the same package installed at two places is two findings.
public struct GrypeReport: ReportParser {
    public let format = "grype"
    public let scanner = "grype"
    public let scanType = ScanType.dependency
    public let summary = "grype JSON output (grype DIR|IMAGE -o json)"
    public let fingerprintKinds: [String] = ["dependency"]

    public init() {}

    struct Document: Decodable {
        var matches: [Lenient<Match>]?
        var descriptor: Descriptor?
    }

    struct Descriptor: Decodable {
        var version: String?
    }

    struct Match: Decodable {
        var vulnerability: Vulnerability
        var relatedVulnerabilities: [Vulnerability]?
        var artifact: Artifact
    }

    struct Vulnerability: Decodable {
        var id: String
        var dataSource: String?
        var severity: String?
        var urls: [String]?
        var description: String?
        var cvss: [CVSS]?
        var fix: Fix?
        var epss: [EPSS]?
        var cwes: [CWE]?
    }

    struct CVSS: Decodable {
        var version: String?
        var vector: String?
        var metrics: Metrics?
    }

    struct Metrics: Decodable {
        var baseScore: Double?
    }

    struct Fix: Decodable {
        var versions: [String]?
        var state: String?
    }

    struct EPSS: Decodable {
        var epss: Double?
        var percentile: Double?
    }

    struct CWE: Decodable {
        var cwe: String?
    }

    struct Artifact: Decodable {
        var name: String
        var version: String?
        var type: String?
        var locations: [ArtifactLocation]?
        var purl: String?
        var language: String?
    }

    struct ArtifactLocation: Decodable {
        var path: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let document = try ReportJSON.decode(Document.self, data, context: context)
        guard document.matches != nil else { throw context.invalid("field matches is missing: not grype JSON output") }
        var skipped: [String] = []
        let matches = ReportJSON.entries(document.matches, skipped: &skipped)
        var drafts: [Finding.Draft] = []
        for match in matches {
            let vulnerability = match.vulnerability
            let related = match.relatedVulnerabilities ?? []
            let artifact = match.artifact
            let type = artifact.purl.flatMap(GrypeReport.purlType) ?? (artifact.language?.isEmpty == false ? artifact.language! : artifact.type ?? "")
            let path = artifact.locations?.first?.path.map(context.relative) ?? context.manifest ?? ""
            let description = vulnerability.description ?? related.lazy.compactMap(\.description).first ?? ""
            var properties: [String: String] = ["artifact_type": artifact.type ?? ""]
            if let purl = artifact.purl { properties["purl"] = purl }
            if let state = vulnerability.fix?.state { properties["fix_state"] = state }
            if let epss = vulnerability.epss?.first?.epss { properties["epss"] = String(epss) }
            let vectors = (([vulnerability] + related).flatMap { $0.cvss ?? [] }).compactMap(\.vector)
            if let best = vectors.compactMap(CVSSScore.init(vector:)).max(by: { $0.score < $1.score }) {
                properties["cvss_vector"] = best.vector
                properties["cvss_score"] = String(best.score)
            }
            let severity = ReportValues.severity(vulnerability.severity)
                ?? related.lazy.compactMap { ReportValues.severity($0.severity) }.first ?? .medium
            drafts.append(VulnerabilityDraft(
                ecosystem: VulnerabilityDraft.ecosystem(type), package: artifact.name, version: artifact.version ?? "", manifestPath: path,
                ids: [vulnerability.id] + related.map(\.id), severity: severity,
                title: description.isEmpty ? nil : ReportValues.title(description), description: description,
                fixedVersions: vulnerability.fix?.state == "fixed" ? vulnerability.fix?.versions ?? [] : [],
                cwes: (vulnerability.cwes ?? []).compactMap(\.cwe),
                references: [vulnerability.dataSource].compactMap { $0 } + (vulnerability.urls ?? []), properties: properties).draft)
        }
        try ReportJSON.requireSome(read: matches.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, toolVersion: document.descriptor?.version, skipped: skipped)
    }

    /// The type of a package URL (`pkg:pypi/…` → `pypi`).
    static func purlType(_ purl: String) -> String? {
        guard purl.hasPrefix("pkg:") else { return nil }
        let type = purl.dropFirst(4).prefix { $0 != "/" }
        return type.isEmpty || type == "generic" ? nil : String(type)
    }
}
