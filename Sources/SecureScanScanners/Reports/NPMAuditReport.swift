import Foundation
import SecureScanCore

/// `npm audit --json` in both layouts: npm 6 (`advisories` by id, also what `pnpm audit --json` writes)
/// and npm 7+ (`auditReportVersion: 2`, `vulnerabilities` by package with the advisories in `via`).
/// An error object (`{"error": …}` or `{"message": …}`) is the audit failing, not an empty result.
public struct NPMAuditReport: ReportParser {
    public let format: String
    public let scanner: String
    public let scanType = ScanType.dependency
    public var summary: String { "\(format) JSON output (\(format.replacingOccurrences(of: "-", with: " ")) --json)" }
    public let fingerprintKinds: [String] = ["dependency"]

    /// `npm-audit`, or `pnpm-audit` (the npm 6 layout).
    public init(format: String = "npm-audit") {
        self.format = format
        self.scanner = format
    }

    struct Document: Decodable {
        var auditReportVersion: Int?
        var advisories: [String: Lenient<Advisory>]?
        var vulnerabilities: [String: Lenient<Package>]?
        var error: ErrorInfo?
        var message: String?
    }

    struct ErrorInfo: Decodable {
        var code: String?
        var summary: String?
        var detail: String?
    }

    struct Advisory: Decodable {
        var id: LooseText?
        var module_name: String
        var title: String?
        var overview: String?
        var recommendation: String?
        var severity: String?
        var cves: [String]?
        var cwe: OneOrMany<String>?
        var github_advisory_id: String?
        var url: String?
        var patched_versions: String?
        var vulnerable_versions: String?
        var findings: [Found]?
        var references: String?
    }

    struct Found: Decodable {
        var version: String?
        var paths: [String]?
        var dev: Bool?
    }

    struct Package: Decodable {
        var name: String?
        var severity: String?
        var via: [Via]?
        var range: String?
        var nodes: [String]?
        var fixAvailable: Fix?
        var isDirect: Bool?
    }

    enum Via: Decodable {
        case advisory(ViaAdvisory)
        case package(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let name = try? container.decode(String.self) { self = .package(name) } else { self = .advisory(try container.decode(ViaAdvisory.self)) }
        }
    }

    struct ViaAdvisory: Decodable {
        var source: LooseText?
        var name: String?
        var title: String?
        var url: String?
        var severity: String?
        var cwe: OneOrMany<String>?
        var cvss: CVSS?
        var range: String?
    }

    struct CVSS: Decodable {
        var score: Double?
        var vectorString: String?
    }

    enum Fix: Decodable {
        case available(Bool)
        case upgrade(name: String?, version: String?)

        struct Target: Decodable {
            var name: String?
            var version: String?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .available(flag); return }
            let target = try container.decode(Target.self)
            self = .upgrade(name: target.name, version: target.version)
        }
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        let document = try ReportJSON.decode(Document.self, data, context: context)
        if let error = document.error {
            let reason = [error.summary, error.detail].compactMap { $0?.trimmingWhitespace() }.first { !$0.isEmpty } ?? "no details"
            throw context.invalid("the audit failed (\(error.code ?? "error")): \(reason)")
        }
        let manifest = context.manifest ?? "package-lock.json"
        var skipped: [String] = []
        if let listed = document.advisories {
            let advisories = ReportJSON.entries(listed.keys.sorted().map { listed[$0]! }, skipped: &skipped)
            try ReportJSON.requireSome(read: advisories.count, skipped: skipped, context: context)
            return ParsedReport(findings: advisories.map { NPMAuditReport.draft($0, manifest: manifest) }, skipped: skipped)
        }
        if let listed = document.vulnerabilities {
            var drafts: [Finding.Draft] = []
            var read = 0
            for key in listed.keys.sorted() {
                guard case .valid(let package) = listed[key]! else {
                    if case .skipped(let reason) = listed[key]! { skipped.append(reason) }
                    continue
                }
                read += 1
                for via in package.via ?? [] {
                    guard case .advisory(let advisory) = via else { continue }
                    drafts.append(NPMAuditReport.draft(advisory, package: package.name ?? key, entry: package, manifest: manifest))
                }
            }
            try ReportJSON.requireSome(read: read, skipped: skipped, context: context)
            return ParsedReport(findings: drafts, skipped: skipped)
        }
        if let message = document.message { throw context.invalid("the audit failed: \(message)") }
        throw context.invalid("neither advisories (npm 6) nor vulnerabilities (npm 7+) is present: not npm audit JSON output")
    }

    /// One npm 6 advisory (also yarn 1's `auditAdvisory` data).
    static func draft(_ advisory: Advisory, manifest: String) -> Finding.Draft {
        let versions = Array(Set((advisory.findings ?? []).compactMap(\.version))).sorted()
        let paths = (advisory.findings ?? []).flatMap { $0.paths ?? [] }
        var ids = advisory.cves ?? []
        if let ghsa = advisory.github_advisory_id ?? advisory.url.flatMap(ghsaID) { ids.append(ghsa) }
        ids.append("NPM-" + (advisory.id?.text ?? advisory.module_name))
        var properties: [String: String] = [:]
        if let range = advisory.vulnerable_versions { properties["vulnerable_versions"] = range }
        if !paths.isEmpty { properties["paths"] = paths.prefix(20).joined(separator: "; ") }
        if (advisory.findings ?? []).allSatisfy({ $0.dev == true }), advisory.findings?.isEmpty == false { properties["scope"] = "development" }
        var references = [advisory.url].compactMap { $0 }
        references += (advisory.references ?? "").split(whereSeparator: \.isWhitespace).compactMap { word in
            let text = String(word)
            guard let start = text.range(of: "http") else { return nil }
            return String(text[start.lowerBound...].prefix { $0 != ")" && $0 != "]" && $0 != ">" })
        }
        var draft = VulnerabilityDraft(
            ecosystem: "npm", package: advisory.module_name, version: versions.joined(separator: ", "), manifestPath: manifest, ids: ids,
            severity: ReportValues.severity(advisory.severity) ?? .medium, title: advisory.title,
            description: advisory.overview ?? "", cwes: advisory.cwe?.values ?? [], references: references, properties: properties).draft
        if let recommendation = advisory.recommendation, !recommendation.isEmpty { draft.remediation = recommendation }
        else if let patched = advisory.patched_versions, patched != "<0.0.0" { draft.remediation = "Upgrade \(advisory.module_name) to a version in \(patched)." }
        return draft
    }

    /// One npm 7+ advisory of one package.
    static func draft(_ advisory: ViaAdvisory, package: String, entry: Package, manifest: String) -> Finding.Draft {
        var ids: [String] = []
        if let ghsa = advisory.url.flatMap(ghsaID) { ids.append(ghsa) }
        if let source = advisory.source?.text { ids.append("NPM-" + source) }
        let severity = ReportValues.severity(advisory.severity) ?? advisory.cvss?.score.flatMap { $0 > 0 ? ReportValues.severity(score: $0) : nil } ?? .medium
        var properties: [String: String] = [:]
        if let range = advisory.range { properties["vulnerable_versions"] = range }
        if let nodes = entry.nodes, !nodes.isEmpty { properties["paths"] = nodes.prefix(20).joined(separator: "; ") }
        if let vector = advisory.cvss?.vectorString, !vector.isEmpty { properties["cvss_vector"] = vector }
        if let score = advisory.cvss?.score, score > 0 { properties["cvss_score"] = String(score) }
        var draft = VulnerabilityDraft(
            ecosystem: "npm", package: package, version: "", manifestPath: entry.nodes?.first.map { _ in manifest } ?? manifest, ids: ids,
            severity: severity, title: advisory.title, cwes: advisory.cwe?.values ?? [], references: [advisory.url].compactMap { $0 },
            properties: properties).draft
        switch entry.fixAvailable {
        case .upgrade(let name?, let version?)?: draft.remediation = name == package ? "Upgrade \(package) to \(version)." : "Upgrade \(name) to \(version), which no longer depends on a vulnerable \(package)."
        case .available(false)?: draft.remediation = "No fix is available through npm; consider replacing \(package)."
        default: if let range = advisory.range { draft.remediation = "Upgrade \(package) to a version outside \(range)." }
        }
        return draft
    }

    /// `GHSA-xxxx-xxxx-xxxx` from an advisory URL.
    static func ghsaID(_ url: String) -> String? {
        guard let range = url.range(of: "GHSA-", options: .caseInsensitive) else { return nil }
        let id = url[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        return id.count >= 19 ? String(id) : nil
    }
}
