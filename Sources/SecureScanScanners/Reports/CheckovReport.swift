import SecureScanCore

/// `checkov -o json`: one object per framework (`check_type`), or a list of them, each with failed
/// checks naming the check, resource, file and line range. With nothing to scan checkov writes only a
/// summary object. Package vulnerabilities (`sca_package`) become dependency findings.
public struct CheckovReport: ReportParser {
    public let format = "checkov"
    public let scanner = "checkov"
    public let scanType = ScanType.iac
    public let summary = "checkov JSON output (checkov -d DIR -o json)"
    public let fingerprintKinds: [String] = ["iac", "dependency"]

    public init() {}

    struct Framework: Decodable {
        var check_type: String?
        var results: Results?
        var summary: Summary?
        var checkov_version: String?
        var failed: Int?
    }

    struct Summary: Decodable {
        var checkov_version: String?
    }

    struct Results: Decodable {
        var failed_checks: [Lenient<Check>]?
        var parsing_errors: [String]?
    }

    struct Check: Decodable {
        var check_id: String
        var bc_check_id: String?
        var check_name: String?
        var file_path: String?
        var repo_file_path: String?
        var file_line_range: [Int]?
        var resource: String?
        var guideline: String?
        var severity: String?
        var description: String?
        var details: [String]?
        var code_block: [[LooseText]]?
        var vulnerability_details: Vulnerability?
    }

    struct Vulnerability: Decodable {
        var id: String?
        var package_name: String?
        var package_version: String?
        var fixed_version: String?
        var lowest_fixed_version: String?
        var severity: String?
        var cvss: Double?
        var description: String?
        var link: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        let frameworks: [Framework] = ReportJSON.firstByte(data) == UInt8(ascii: "[")
            ? try ReportJSON.decode([Framework].self, data, context: context)
            : [try ReportJSON.decode(Framework.self, data, context: context)]
        var drafts: [Finding.Draft] = []
        var notes: [String] = []
        var skipped: [String] = []
        var version: String?
        for framework in frameworks {
            version = version ?? framework.summary?.checkov_version ?? framework.checkov_version
            guard let results = framework.results else {
                if framework.check_type != nil { throw context.invalid("field results is missing for check_type \(framework.check_type!)") }
                continue
            }
            let type = framework.check_type ?? "unknown"
            for error in results.parsing_errors ?? [] { notes.append("checkov could not parse \(context.relative(error)) (\(type))") }
            for check in ReportJSON.entries(results.failed_checks, skipped: &skipped) {
                drafts.append(draft(check, type: type, context: context))
            }
        }
        try ReportJSON.requireSome(read: drafts.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, notes: notes, toolVersion: version, skipped: skipped)
    }

    private func draft(_ check: Check, type: String, context: ReportContext) -> Finding.Draft {
        let path = context.relative(check.repo_file_path ?? check.file_path ?? "")
        let range = check.file_line_range ?? []
        let start = range.first.flatMap { $0 > 0 ? $0 : nil }, end = range.last.flatMap { $0 > 0 ? $0 : nil }
        if let vulnerability = check.vulnerability_details, let package = vulnerability.package_name {
            let severity = ReportValues.severity(vulnerability.severity) ?? vulnerability.cvss.map(ReportValues.severity(score:)) ?? .medium
            return VulnerabilityDraft(
                ecosystem: VulnerabilityDraft.ecosystem(CheckovReport.ecosystem(of: path)), package: package,
                version: vulnerability.package_version ?? "", manifestPath: path, ids: [vulnerability.id ?? check.check_id],
                severity: severity, title: check.check_name, description: vulnerability.description ?? "",
                fixedVersions: [vulnerability.lowest_fixed_version ?? vulnerability.fixed_version].compactMap { $0 },
                references: [vulnerability.link].compactMap { $0 }).draft
        }
        var properties = ["framework": type]
        if let id = check.bc_check_id { properties["bc_check_id"] = id }
        let resource = check.resource ?? ""
        let name = check.check_name ?? check.check_id
        return Finding.Draft(
            ruleID: check.check_id, severity: ReportValues.severity(check.severity) ?? .medium,
            title: resource.isEmpty ? name : "\(name): \(resource)",
            description: check.description ?? ((check.details ?? []).isEmpty ? name : (check.details ?? []).joined(separator: "\n")),
            location: Location(path: path, startLine: start, endLine: end),
            identity: .iac(resource: resource),
            scanType: .iac,
            references: [check.guideline].compactMap { $0 },
            properties: properties)
    }

    /// The package type of an SCA result's manifest, from its file name.
    static func ecosystem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch name {
        case "requirements.txt", "Pipfile", "Pipfile.lock", "pyproject.toml", "poetry.lock", "setup.py": return "pip"
        case "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml": return "npm"
        case "go.mod", "go.sum": return "gomod"
        case "Gemfile", "Gemfile.lock": return "gem"
        case "pom.xml", "build.gradle", "build.gradle.kts": return "maven"
        case "Cargo.lock", "Cargo.toml": return "cargo"
        case "composer.json", "composer.lock": return "composer"
        default: return name
        }
    }
}
