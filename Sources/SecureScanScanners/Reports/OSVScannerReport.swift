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
        var packages: [Lenient<Package>]?
    }

    struct Source: Decodable {
        var path: String?
        var type: String?
    }

    struct Package: Decodable {
        var package: Info
        var vulnerabilities: [Lenient<OSVRecord>]?
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
        var skipped: [String] = []
        var read = 0
        for result in document.results ?? [] {
            let manifest = result.source?.path.map(context.relative) ?? context.manifest ?? ""
            for entry in ReportJSON.entries(result.packages, skipped: &skipped) {
                read += 1
                let ecosystem = entry.package.ecosystem ?? ""
                let component = Component(
                    name: entry.package.name, version: entry.package.version ?? entry.package.commit ?? "",
                    purl: "", ecosystem: ecosystem, manifestPath: manifest)
                let matches = ReportJSON.entries(entry.vulnerabilities, skipped: &skipped).map { record in
                    AdvisoryFindings.Match(record: record, entries: record.affected.filter {
                        $0.package?.name == entry.package.name || $0.package == nil
                    })
                }
                drafts += AdvisoryFindings.findings(for: component, matches: matches)
            }
        }
        try ReportJSON.requireSome(read: read, skipped: skipped, context: context)
        return ParsedReport(findings: drafts, skipped: skipped)
    }
}
