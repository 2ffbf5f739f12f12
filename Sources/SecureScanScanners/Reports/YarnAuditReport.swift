import SecureScanCore

/// `yarn audit --json` (yarn 1: one JSON object per line, `auditAdvisory` lines holding npm 6 advisories)
/// and `yarn npm audit --json` (yarn 2+: one line per package, `{"value": name, "children": {…}}`).
public struct YarnAuditReport: ReportParser {
    public let format = "yarn-audit"
    public let scanner = "yarn-audit"
    public let scanType = ScanType.dependency
    public let summary = "yarn audit JSON lines, yarn 1 (yarn audit --json) and yarn 2+ (yarn npm audit --json)"
    public let fingerprintKinds: [String] = ["dependency"]

    public init() {}

    struct Line: Decodable {
        var type: String?
        var data: Payload?
        var value: String?
        var children: Berry?
    }

    /// `data` is an object on advisory lines and a plain message on `info`/`warning` lines.
    struct Payload: Decodable {
        var advisory: NPMAuditReport.Advisory?

        enum CodingKeys: String, CodingKey { case advisory }

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
                advisory = nil
                return
            }
            advisory = try container.decodeIfPresent(NPMAuditReport.Advisory.self, forKey: .advisory)
        }
    }

    struct Berry: Decodable {
        var ID: LooseText?
        var Issue: String?
        var URL: String?
        var Severity: String?
        var VulnerableVersions: String?
        var TreeVersions: [String]?
        var Dependents: [String]?

        enum CodingKeys: String, CodingKey {
            case ID, Issue, URL, Severity
            case VulnerableVersions = "Vulnerable Versions"
            case TreeVersions = "Tree Versions"
            case Dependents
        }
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        var skipped: [String] = []
        let lines = try ReportJSON.lines(Line.self, data, skipped: &skipped, context: context)
        let manifest = context.manifest ?? "yarn.lock"
        var drafts: [Finding.Draft] = []
        var seen: Set<String> = []
        for line in lines {
            if line.type == "auditAdvisory", let advisory = line.data?.advisory {
                // yarn 1 repeats an advisory once per dependency path: one finding per advisory.
                guard seen.insert("npm:" + (advisory.id?.text ?? advisory.module_name)).inserted else { continue }
                var draft = NPMAuditReport.draft(advisory, manifest: manifest)
                draft.properties["tool"] = "yarn"
                drafts.append(draft)
            } else if let name = line.value, let child = line.children {
                let id = child.ID?.text ?? name
                guard seen.insert("berry:" + name + "\u{0}" + id).inserted else { continue }
                var ids = [child.URL.flatMap(NPMAuditReport.ghsaID)].compactMap { $0 }
                ids.append(Int(id).map { "NPM-\($0)" } ?? id)
                var properties: [String: String] = [:]
                if let range = child.VulnerableVersions { properties["vulnerable_versions"] = range }
                if let dependents = child.Dependents, !dependents.isEmpty { properties["dependents"] = dependents.prefix(20).joined(separator: "; ") }
                drafts.append(VulnerabilityDraft(
                    ecosystem: "npm", package: name, version: (child.TreeVersions ?? []).joined(separator: ", "), manifestPath: manifest,
                    ids: ids, severity: ReportValues.severity(child.Severity) ?? .medium, title: child.Issue, description: child.Issue ?? "",
                    references: [child.URL].compactMap { $0 }, properties: properties).draft)
            }
        }
        return ParsedReport(findings: drafts, skipped: skipped)
    }
}
