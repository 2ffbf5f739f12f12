import SecureScanCore

/// `trivy fs|image|config|k8s --format json`: vulnerabilities, misconfigurations, secrets and licenses,
/// per result target. Reads schema 2 (`Results`), the pre-0.20 list of results, and the Kubernetes
/// reports (`Vulnerabilities`/`Misconfigurations` or `Resources` per workload).
public struct TrivyReport: ReportParser {
    public let format = "trivy"
    public let scanner = "trivy"
    public let scanType = ScanType.dependency
    public let summary = "trivy JSON output (trivy fs|image|config|k8s --format json)"
    public let fingerprintKinds: [String] = ["dependency", "iac", "secret", "license"]

    public init() {}

    struct Document: Decodable {
        var SchemaVersion: Int?
        var ArtifactName: String?
        var Results: [Result]?
        var ClusterName: String?
        var Vulnerabilities: [Resource]?
        var Misconfigurations: [Resource]?
        var Resources: [Resource]?
    }

    struct Resource: Decodable {
        var Namespace: String?
        var Kind: String?
        var Name: String?
        var Results: [Result]?
    }

    struct Result: Decodable {
        var Target: String?
        var Class: String?
        var `Type`: String?
        var Vulnerabilities: [Lenient<Vulnerability>]?
        var Misconfigurations: [Lenient<Misconfiguration>]?
        var Secrets: [Lenient<Secret>]?
        var Licenses: [Lenient<License>]?
    }

    struct Vulnerability: Decodable {
        var VulnerabilityID: String
        var VendorIDs: [String]?
        var PkgName: String?
        var PkgPath: String?
        var PkgIdentifier: PackageIdentifier?
        var InstalledVersion: String?
        var FixedVersion: String?
        var Status: String?
        var Severity: String?
        var Title: String?
        var Description: String?
        var CweIDs: [String]?
        var CVSS: [String: CVSS]?
        var References: [String]?
        var PrimaryURL: String?
    }

    struct PackageIdentifier: Decodable {
        var PURL: String?
    }

    struct CVSS: Decodable {
        var V3Vector: String?
        var V3Score: Double?
        var V40Vector: String?
        var V40Score: Double?
    }

    struct Misconfiguration: Decodable {
        var `Type`: String?
        var ID: String
        var AVDID: String?
        var Title: String?
        var Description: String?
        var Message: String?
        var Resolution: String?
        var Severity: String?
        var PrimaryURL: String?
        var References: [String]?
        var Status: String?
        var CauseMetadata: Cause?
    }

    struct Cause: Decodable {
        var Resource: String?
        var Provider: String?
        var Service: String?
        var StartLine: Int?
        var EndLine: Int?
    }

    struct Secret: Decodable {
        var RuleID: String
        var Category: String?
        var Severity: String?
        var Title: String?
        var StartLine: Int?
        var EndLine: Int?
        var Match: String?
    }

    struct License: Decodable {
        var Severity: String?
        var Category: String?
        var PkgName: String?
        var FilePath: String?
        var Name: String
        var Confidence: Double?
        var Link: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        var results: [(result: Result, workload: String?)] = []
        switch ReportJSON.firstByte(data) {
        case UInt8(ascii: "["):
            results = try ReportJSON.decode([Result].self, data, context: context).map { ($0, nil) }
        case UInt8(ascii: "n"):
            return ParsedReport()
        default:
            let document = try ReportJSON.decode(Document.self, data, context: context)
            results = (document.Results ?? []).map { ($0, nil) }
            for resource in (document.Vulnerabilities ?? []) + (document.Misconfigurations ?? []) + (document.Resources ?? []) {
                let workload = [resource.Namespace, resource.Kind, resource.Name].compactMap { $0 }.joined(separator: "/")
                results += (resource.Results ?? []).map { ($0, workload) }
            }
            if document.Results == nil, document.ClusterName == nil, document.Resources == nil, document.SchemaVersion == nil {
                throw context.invalid("field Results is missing: not trivy JSON output")
            }
        }
        var drafts: [Finding.Draft] = []
        var skipped: [String] = []
        var read = 0
        for (result, workload) in results {
            let target = result.Target ?? ""
            let isFile = result.Class != "os-pkgs" && workload == nil
            let targetPath = isFile ? context.relative(target) : target
            let vulnerabilities = ReportJSON.entries(result.Vulnerabilities, skipped: &skipped)
            let misconfigurations = ReportJSON.entries(result.Misconfigurations, skipped: &skipped)
            let secrets = ReportJSON.entries(result.Secrets, skipped: &skipped)
            let licenses = ReportJSON.entries(result.Licenses, skipped: &skipped)
            read += vulnerabilities.count + misconfigurations.count + secrets.count + licenses.count
            for vulnerability in vulnerabilities { drafts.append(draft(vulnerability, result: result, path: targetPath, workload: workload, context: context)) }
            for check in misconfigurations where (check.Status ?? "FAIL") == "FAIL" {
                drafts.append(draft(check, path: workload ?? targetPath, target: target))
            }
            for secret in secrets {
                drafts.append(SecretDraft(
                    rule: secret.RuleID, title: secret.Title ?? secret.RuleID, path: targetPath, line: secret.StartLine, endLine: secret.EndLine,
                    maskedText: secret.Match, context: secret.Match, severity: ReportValues.severity(secret.Severity) ?? .high,
                    properties: secret.Category.map { ["category": $0] } ?? [:]).draft)
            }
            for license in licenses {
                let package = license.PkgName.flatMap { $0.isEmpty ? nil : $0 } ?? license.FilePath.map(context.relative) ?? target
                var properties: [String: String] = ["license": license.Name]
                if let category = license.Category { properties["category"] = category }
                if let confidence = license.Confidence { properties["confidence"] = String(confidence) }
                drafts.append(Finding.Draft(
                    ruleID: "license-\(license.Category ?? "unknown")", severity: ReportValues.severity(license.Severity) ?? .low,
                    title: "\(package): \(license.Name) (\(license.Category ?? "unknown") license)",
                    description: "\(package) is under \(license.Name), which trivy classifies as \(license.Category ?? "unknown").",
                    location: license.FilePath.flatMap { $0.isEmpty ? nil : Location(path: context.relative($0)) },
                    identity: .license(package: package, license: license.Name), scanType: .dependency,
                    references: [license.Link].compactMap { $0?.isEmpty == false ? $0 : nil }, properties: properties))
            }
        }
        try ReportJSON.requireSome(read: read, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, skipped: skipped)
    }

    private func draft(_ vulnerability: Vulnerability, result: Result, path: String, workload: String?, context: ReportContext) -> Finding.Draft {
        let package = vulnerability.PkgName ?? vulnerability.PkgPath ?? "?"
        let manifest = vulnerability.PkgPath.map(context.relative) ?? (workload.map { "\($0)/\(result.Target ?? "")" } ?? path)
        var properties: [String: String] = [:]
        if let status = vulnerability.Status { properties["status"] = status }
        if let purl = vulnerability.PkgIdentifier?.PURL { properties["purl"] = purl }
        let scores = (vulnerability.CVSS ?? [:]).values.flatMap { [$0.V3Vector, $0.V40Vector].compactMap { $0 } }.compactMap(CVSSScore.init(vector:))
        if let best = scores.max(by: { $0.score < $1.score }) {
            properties["cvss_vector"] = best.vector
            properties["cvss_score"] = String(best.score)
        }
        let fixes = (vulnerability.FixedVersion ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }
        return VulnerabilityDraft(
            ecosystem: VulnerabilityDraft.ecosystem(result.Type ?? ""), package: package, version: vulnerability.InstalledVersion ?? "",
            manifestPath: manifest, ids: [vulnerability.VulnerabilityID] + (vulnerability.VendorIDs ?? []),
            severity: ReportValues.severity(vulnerability.Severity) ?? .medium, title: vulnerability.Title,
            description: vulnerability.Description ?? "", fixedVersions: fixes, cwes: vulnerability.CweIDs ?? [],
            references: [vulnerability.PrimaryURL].compactMap { $0 } + (vulnerability.References ?? []), properties: properties).draft
    }

    private func draft(_ check: Misconfiguration, path: String, target: String) -> Finding.Draft {
        let cause = check.CauseMetadata
        let resource = cause?.Resource.flatMap { $0.isEmpty ? nil : $0 } ?? ""
        var properties: [String: String] = [:]
        if let type = check.Type { properties["check_type"] = type }
        if let avd = check.AVDID { properties["avd_id"] = avd }
        let start = cause?.StartLine.flatMap { $0 > 0 ? $0 : nil }
        return Finding.Draft(
            ruleID: check.ID, severity: ReportValues.severity(check.Severity) ?? .medium,
            title: check.Title ?? check.ID,
            description: [check.Description, check.Message].compactMap { $0 }.joined(separator: "\n\n"),
            location: path.isEmpty ? nil : Location(path: path, startLine: start, endLine: cause?.EndLine.flatMap { $0 > 0 ? $0 : nil }),
            identity: .iac(resource: resource.isEmpty ? (check.Message ?? "") : resource), scanType: .iac,
            remediation: check.Resolution, references: [check.PrimaryURL].compactMap { $0 } + (check.References ?? []),
            properties: properties)
    }
}
