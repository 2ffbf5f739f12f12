import SecureScanCore

/// `osv-scanner --format json`: per scanned lockfile, its packages and the full OSV records affecting
/// each. Records that alias each other are one finding, exactly as the built-in `osv` scanner groups them.
public struct OSVScannerReport: ReportParser {
    public let format = "osv-scanner"
    public let scanner = "osv-scanner"
    public let scanType = ScanType.dependency
    public let summary = "osv-scanner JSON output (osv-scanner --format json)"
    public let fingerprintKinds: [String] = ["dependency"]

    public init() {}

    struct Document: Decodable {
        var results: [Result]?
    }

    struct Result: Decodable {
        var source: Source?
        var packages: [Package]?
    }

    struct Source: Decodable {
        var path: String?
        var type: String?
    }

    struct Package: Decodable {
        var package: Info
        var vulnerabilities: [OSVRecord]?
    }

    struct Info: Decodable {
        var name: String
        var version: String?
        var ecosystem: String?
        var commit: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        if ReportJSON.isBlank(data) { return ParsedReport() }
        let document = try ReportJSON.decode(Document.self, data, context: context)
        var drafts: [Finding.Draft] = []
        for result in document.results ?? [] {
            let manifest = result.source?.path.map(context.relative) ?? context.manifest ?? ""
            for entry in result.packages ?? [] {
                let ecosystem = entry.package.ecosystem ?? ""
                let component = Component(
                    name: entry.package.name, version: entry.package.version ?? entry.package.commit ?? "",
                    purl: "", ecosystem: ecosystem, manifestPath: manifest)
                let matches = (entry.vulnerabilities ?? []).map { record in
                    AdvisoryFindings.Match(record: record, entries: record.affected.filter {
                        $0.package?.name == entry.package.name || $0.package == nil
                    })
                }
                drafts += AdvisoryFindings.findings(for: component, matches: matches)
            }
        }
        return ParsedReport(findings: drafts)
    }
}
