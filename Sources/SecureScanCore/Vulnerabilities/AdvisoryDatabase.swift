/// A store of OSV advisories the `osv` scanner matches against; the pipeline opens one read-only and
/// hands it to the scan.
public protocol AdvisoryDatabase: Sendable {
    /// The advisories with an `affected` entry for this package, keyed by ``OSVPackageKey``.
    func advisories(forPackageKeys keys: [String]) throws -> [String: [OSVRecord]]
    /// What the database holds, recorded with every run that used it.
    func summary() throws -> AdvisoryDatabaseSummary
    /// The Known Exploited Vulnerabilities entries of those of `cves` that are catalogued.
    func knownExploited(_ cves: [String]) throws -> [String: KnownExploited.Entry]
    /// The EPSS scores of those of `cves` that are scored, and the date they are of.
    func exploitPrediction(_ cves: [String]) throws -> (date: String, scores: [String: ExploitPrediction.Score])
}

extension AdvisoryDatabase {
    /// No catalog: nothing is known to be exploited.
    public func knownExploited(_ cves: [String]) throws -> [String: KnownExploited.Entry] { [:] }
    /// No scores.
    public func exploitPrediction(_ cves: [String]) throws -> (date: String, scores: [String: ExploitPrediction.Score]) { ("", [:]) }
}

/// Identity and size of an advisory database.
public struct AdvisoryDatabaseSummary: Sendable, Hashable, Codable {
    /// SHA-256 over every record's id and `modified` time, sorted: the same records give the same digest.
    public var digest: String
    public var records: Int
    /// Record count per ecosystem.
    public var ecosystems: [String: Int]
    /// The newest `modified` time of any record.
    public var newestModified: String?
    /// The Known Exploited Vulnerabilities catalog loaded, `2025.08.25 (released 2025-08-25T17:04:19Z)`; nil for none.
    public var knownExploitedCatalog: String?
    /// The date of the EPSS scores loaded; nil for none.
    public var exploitPredictionDate: String?

    /// The database in one line for reports: its records and digest, and how old its intelligence feeds are.
    public var description: String {
        "\(records) OSV records, \(digest)"
            + (knownExploitedCatalog.map { "; CISA KEV catalog \($0)" } ?? "")
            + (exploitPredictionDate.map { "; EPSS scores of \($0)" } ?? "")
    }

    public init(digest: String, records: Int, ecosystems: [String: Int], newestModified: String?) {
        self.digest = digest
        self.records = records
        self.ecosystems = ecosystems
        self.newestModified = newestModified
    }
}
