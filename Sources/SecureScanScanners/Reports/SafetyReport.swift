import Foundation
import SecureScanCore

/// safety's JSON in its three generations: 1.x (`safety check --json`, a list of
/// `[name, spec, version, advisory, id, …]` rows), 2.x (`safety check --output json`, an object with
/// `vulnerabilities`), and 3.x (`safety scan --output json`, projects → files → dependencies).
public struct SafetyReport: ReportParser {
    public let format = "safety"
    public let scanner = "safety"
    public let scanType = ScanType.dependency
    public let summary = "safety JSON output, 1.x, 2.x (check --output json) and 3.x (scan --output json)"
    public let fingerprintKinds: [String] = ["dependency"]

    public init() {}

    struct Version2: Decodable {
        var report_meta: Meta?
        var vulnerabilities: [Lenient<Vulnerability>]?
        var scan_results: ScanResults?
        var meta: Meta3?
    }

    struct Meta: Decodable {
        var safety_version: String?
    }

    struct Meta3: Decodable {
        var safety_version: String?
        var telemetry: Telemetry?
    }

    struct Telemetry: Decodable {
        var safety_version: String?
    }

    struct Vulnerability: Decodable {
        var vulnerability_id: LooseText
        var package_name: String
        var analyzed_version: String?
        var vulnerable_spec: OneOrMany<String>?
        var advisory: String?
        var CVE: String?
        var cve: String?
        var severity: SeverityInfo?
        var fixed_versions: [String]?
        var more_info_url: String?
        var is_transitive: Bool?
    }

    /// `null`, `{"cvssv3": {…}, "cvssv2": {…}}`, or (some releases) a plain word.
    struct SeverityInfo: Decodable {
        var cvssv3: CVSS?
        var cvssv2: CVSS?
        var label: String?

        enum CodingKeys: String, CodingKey { case cvssv3, cvssv2 }

        init(from decoder: any Decoder) throws {
            if let word = try? decoder.singleValueContainer().decode(String.self) {
                label = word
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cvssv3 = try? container.decodeIfPresent(CVSS.self, forKey: .cvssv3)
            cvssv2 = try? container.decodeIfPresent(CVSS.self, forKey: .cvssv2)
        }
    }

    struct CVSS: Decodable {
        var base_score: Double?
        var base_severity: String?
        var vector_string: String?
    }

    struct ScanResults: Decodable {
        var projects: [Project]?
    }

    struct Project: Decodable {
        var files: [File]?
    }

    struct File: Decodable {
        var location: String?
        var results: FileResults?
    }

    struct FileResults: Decodable {
        var dependencies: [Dependency]?
    }

    struct Dependency: Decodable {
        var name: String
        var specifications: [Specification]?
    }

    struct Specification: Decodable {
        var raw: String?
        var vulnerabilities: SpecVulnerabilities?
    }

    struct SpecVulnerabilities: Decodable {
        var known_vulnerabilities: [Lenient<KnownVulnerability>]?
        var remediation: Remediation?
    }

    struct KnownVulnerability: Decodable {
        var id: LooseText
        var vulnerable_spec: OneOrMany<String>?
        var ignored: IgnoredValue?
    }

    struct Remediation: Decodable {
        var recommended: String?
        var other_recommended: [String]?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let data = SafetyReport.withoutBanner(data)
        if ReportJSON.isBlank(data) { return ParsedReport() }
        if ReportJSON.firstByte(data) == UInt8(ascii: "[") { return try legacy(data, context: context) }
        let document = try ReportJSON.decode(Version2.self, data, context: context)
        let manifest = context.manifest ?? ""
        var skipped: [String] = []
        if let listed = document.vulnerabilities {
            let vulnerabilities = ReportJSON.entries(listed, skipped: &skipped)
            try ReportJSON.requireSome(read: vulnerabilities.count, skipped: skipped, context: context)
            let drafts = vulnerabilities.map { vulnerability in
                let cvss = vulnerability.severity?.cvssv3 ?? vulnerability.severity?.cvssv2
                let severity = ReportValues.severity(cvss?.base_severity) ?? cvss?.base_score.map(ReportValues.severity(score:))
                    ?? ReportValues.severity(vulnerability.severity?.label) ?? .medium
                let id = "PYUP-" + vulnerability.vulnerability_id.text
                var properties = ["safety_id": vulnerability.vulnerability_id.text]
                if let spec = vulnerability.vulnerable_spec?.values, !spec.isEmpty { properties["vulnerable_spec"] = spec.joined(separator: ", ") }
                if vulnerability.is_transitive == true { properties["transitive"] = "true" }
                return VulnerabilityDraft(
                    ecosystem: "PyPI", package: PipAuditReport.normalized(vulnerability.package_name), version: vulnerability.analyzed_version ?? "",
                    manifestPath: manifest, ids: [id] + [vulnerability.CVE ?? vulnerability.cve].compactMap { $0 }, severity: severity,
                    title: vulnerability.advisory.map { String(ReportValues.title($0).prefix(120)) },
                    description: vulnerability.advisory ?? "", fixedVersions: vulnerability.fixed_versions ?? [],
                    references: [vulnerability.more_info_url].compactMap { $0 }, properties: properties).draft
            }
            return ParsedReport(findings: drafts, toolVersion: document.report_meta?.safety_version, skipped: skipped)
        }
        guard let projects = document.scan_results?.projects else {
            throw context.invalid("neither vulnerabilities (safety 2.x) nor scan_results.projects (safety 3.x) is present: not safety JSON output")
        }
        var drafts: [Finding.Draft] = []
        for file in projects.flatMap({ $0.files ?? [] }) {
            let path = file.location.map(context.relative) ?? manifest
            for dependency in file.results?.dependencies ?? [] {
                for specification in dependency.specifications ?? [] {
                    let version = specification.raw.flatMap { raw in raw.range(of: "==").map { String(raw[$0.upperBound...]) } } ?? ""
                    let fix = specification.vulnerabilities?.remediation?.recommended
                    for known in ReportJSON.entries(specification.vulnerabilities?.known_vulnerabilities, skipped: &skipped) {
                        var draft = VulnerabilityDraft(
                            ecosystem: "PyPI", package: PipAuditReport.normalized(dependency.name), version: version,
                            manifestPath: path, ids: ["PYUP-" + known.id.text], severity: .medium, title: nil,
                            fixedVersions: [fix].compactMap { $0 },
                            references: ["https://data.safetycli.com/v/\(known.id.text)/97c"],
                            properties: ["safety_id": known.id.text, "vulnerable_spec": known.vulnerable_spec?.values.joined(separator: ", ") ?? ""]).draft
                        if known.ignored != nil { draft.suppression = Suppression(source: .baseline, reason: "ignored in the safety policy") }
                        drafts.append(draft)
                    }
                }
            }
        }
        try ReportJSON.requireSome(read: drafts.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, toolVersion: document.meta?.safety_version ?? document.meta?.telemetry?.safety_version, skipped: skipped)
    }

    /// safety 3 prints a boxed DEPRECATED banner around `check`'s JSON on stdout: the JSON is what lies
    /// between the first line that opens a value and the last line that closes one.
    static func withoutBanner(_ data: [UInt8]) -> [UInt8] {
        guard let first = ReportJSON.firstByte(data), first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return data }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func opens(_ line: ArraySlice<UInt8>) -> Bool { line.first { $0 > 0x20 }.map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } ?? false }
        func closes(_ line: ArraySlice<UInt8>) -> Bool { line.last { $0 > 0x20 }.map { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") } ?? false }
        guard let start = lines.firstIndex(where: opens), let end = lines.lastIndex(where: closes), start <= end else { return data }
        return Array(lines[start...end].joined(separator: [UInt8(ascii: "\n")]))
    }

    /// 1.x rows: name, affected spec, installed version, advisory text, safety id, then CVE and more (later releases).
    private func legacy(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let rows = try ReportJSON.decode([[LooseText]].self, data, context: context)
        var drafts: [Finding.Draft] = []
        var skipped: [String] = []
        for (index, row) in rows.enumerated() {
            guard row.count >= 5 else {
                skipped.append("/\(index): has \(row.count) fields; safety 1.x rows have at least 5 (name, spec, version, advisory, id)")
                continue
            }
            let id = row[4].text
            let cve = row.count > 5 ? row[5].text : ""
            drafts.append(VulnerabilityDraft(
                ecosystem: "PyPI", package: PipAuditReport.normalized(row[0].text), version: row[2].text,
                manifestPath: context.manifest ?? "", ids: ["PYUP-" + id] + (cve.isEmpty ? [] : [cve]), severity: .medium,
                title: ReportValues.title(row[3].text), description: row[3].text,
                properties: ["safety_id": id, "vulnerable_spec": row[1].text]).draft)
        }
        try ReportJSON.requireSome(read: drafts.count, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, skipped: skipped)
    }
}
