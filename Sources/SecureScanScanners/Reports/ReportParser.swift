import SecureScanCore

/// Reads one tool's native report into findings and components.
///
/// The same parser serves the adapter that runs the tool and `securescan import`, so a saved report and
/// a live run of the same tool give the same fingerprints.
public protocol ReportParser: Sendable {
    /// The name `import --as` takes (`semgrep`, `npm-audit`, `sarif`, …).
    var format: String { get }
    /// The scanner id its findings are stored under: the adapter's id, so imports and runs line up.
    var scanner: String { get }
    var scanType: ScanType { get }
    /// One line for `import --help` and errors.
    var summary: String { get }
    /// The ``FindingIdentity`` kinds its findings use (`code`, `secret`, `dependency`, …): what their
    /// fingerprints are made of.
    var fingerprintKinds: [String] { get }
    /// Parses the report's bytes. Throws ``ScannersError/invalidReport(source:reason:)`` naming the
    /// file and the field or line that is wrong.
    func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport
    /// The report split by producing tool (a SARIF log's runs); one element by default.
    func parseReports(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> [ParsedReport]
}

extension ReportParser {
    public func parseReports(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> [ParsedReport] {
        [try parse(data, context: context)]
    }
}

/// What a report holds, normalized.
public struct ParsedReport: Sendable {
    public var observations: Observations
    /// The producing tool's version, when the report says it.
    public var toolVersion: String?
    /// The scanner id when the report itself names the tool (a SARIF file's driver), overriding the parser's.
    public var scanner: String?

    public init(observations: Observations = Observations(), toolVersion: String? = nil, scanner: String? = nil) {
        self.observations = observations
        self.toolVersion = toolVersion
        self.scanner = scanner
    }

    public init(findings: [Finding.Draft], components: [Component] = [], notes: [String] = [], sensitiveValues: [String] = [],
                toolVersion: String? = nil, skipped: [String] = []) {
        self.init(observations: Observations(findings: findings, components: components, notes: notes, sensitiveValues: sensitiveValues,
                                             skipped: skipped),
                  toolVersion: toolVersion)
    }
}
