import Dispatch
import GRDB
import SecureScanCore
import Synchronization

/// A row of `findings`: one finding of one run, observed in it or carried forward as not reassessed.
struct FindingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "findings"

    enum Assessment: String {
        case observed
        case carried
    }

    var runSeq: Int64
    var fingerprint: String
    var assessment: String
    var scanner: String
    var scanType: String
    var ruleID: String
    var severity: String
    var originalSeverity: String?
    var title: String
    var description: String
    var path: String?
    var startLine: Int?
    var endLine: Int?
    var startColumn: Int?
    var endColumn: Int?
    var cwes: String
    var aliases: String
    var remediation: String?
    var refs: String
    var evidence: String?
    var properties: String
    var reportedBy: String
    var suppressionSource: String?
    var suppressionReason: String?
    var suppressionExpires: String?
    var change: String?

    enum CodingKeys: String, CodingKey {
        case fingerprint, assessment, scanner, severity, title, description, path, cwes, aliases, remediation, refs,
            evidence, properties, change
        case runSeq = "run_seq"
        case scanType = "scan_type"
        case ruleID = "rule_id"
        case originalSeverity = "original_severity"
        case startLine = "start_line"
        case endLine = "end_line"
        case startColumn = "start_column"
        case endColumn = "end_column"
        case reportedBy = "reported_by"
        case suppressionSource = "suppression_source"
        case suppressionReason = "suppression_reason"
        case suppressionExpires = "suppression_expires"
    }

    init(_ finding: Finding, runSeq: Int64, assessment: Assessment) {
        self.runSeq = runSeq
        fingerprint = finding.fingerprint.rawValue
        self.assessment = assessment.rawValue
        scanner = finding.scanner
        scanType = finding.scanType.rawValue
        ruleID = finding.ruleID
        severity = finding.severity.rawValue
        originalSeverity = finding.originalSeverity?.rawValue
        title = finding.title
        description = finding.description
        path = finding.location?.path
        startLine = finding.location?.startLine
        endLine = finding.location?.endLine
        startColumn = finding.location?.startColumn
        endColumn = finding.location?.endColumn
        cwes = JSONColumn.encode(finding.cwes)
        aliases = JSONColumn.encode(finding.aliases)
        remediation = finding.remediation
        refs = JSONColumn.encode(finding.references)
        evidence = finding.evidence
        properties = JSONColumn.encode(finding.properties)
        reportedBy = JSONColumn.encode(finding.reportedBy)
        suppressionSource = finding.suppression?.source.rawValue
        suppressionReason = finding.suppression?.reason
        suppressionExpires = finding.suppression?.expires
        change = finding.change?.rawValue
    }

    /// Inserts `findings` in order, the rows of each chunk prepared on another thread while the chunk
    /// before it is inserted: preparing a row (its JSON columns, its strings) was a fifth of saving a
    /// 100,000-finding run, and SQLite's inserts use one core.
    static func insertAll(_ findings: [Finding], runSeq: Int64, assessment: Assessment, in db: Database) throws {
        let chunk = 2_048
        @Sendable func rows(_ start: Int) -> [FindingRecord] {
            findings[start..<min(findings.count, start + chunk)].map { FindingRecord($0, runSeq: runSeq, assessment: assessment) }
        }
        guard findings.count > chunk else {
            for row in rows(0) { try row.insertFast(db) }
            return
        }
        var current = rows(0)
        var start = 0
        while !current.isEmpty {
            let following = start + chunk
            let prepared = Mutex<[FindingRecord]>([])
            let group = DispatchGroup()
            if following < findings.count {
                DispatchQueue.global().async(group: group) {
                    let next = rows(following)
                    prepared.withLock { $0 = next }
                }
            }
            for row in current { try row.insertFast(db) }
            group.wait()
            current = prepared.withLock { $0 }
            start = following
        }
    }

    /// Inserts through one cached prepared statement bound directly (``BoundStatement``): saving a run of
    /// 100,000 findings row by row through the record machinery was most of the save's time.
    func insertFast(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO findings (run_seq, fingerprint, assessment, scanner, scan_type, rule_id, severity, original_severity,
                title, description, path, start_line, end_line, start_column, end_column, cwes, aliases, remediation, refs,
                evidence, properties, reported_by, suppression_source, suppression_reason, suppression_expires, change)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var bound = BoundStatement(statement)
        bound.bind(runSeq)
        for text in [fingerprint, assessment, scanner, scanType, ruleID, severity, originalSeverity, title, description, path] {
            bound.bind(text)
        }
        for number in [startLine, endLine, startColumn, endColumn] { bound.bind(number) }
        for text in [cwes, aliases, remediation, refs, evidence, properties, reportedBy, suppressionSource, suppressionReason,
                     suppressionExpires, change] {
            bound.bind(text)
        }
        try bound.run(in: db)
    }

    /// A finding straight from a `SELECT *` row whose table columns start at `offset`, by position rather
    /// than through Codable (the API reads thousands a request).
    static func finding(row: Row, offset: Int = 0) -> Finding {
        let path: String? = row[offset + 10]
        let location = path.map {
            Location(path: $0, startLine: row[offset + 11], endLine: row[offset + 12], startColumn: row[offset + 13], endColumn: row[offset + 14])
        }
        let source: String? = row[offset + 22]
        let suppression = source.flatMap(Suppression.Source.init(rawValue:)).map {
            Suppression(source: $0, reason: row[offset + 23] ?? "", expires: row[offset + 24])
        }
        let scanner: String = row[offset + 3]
        let scanType: String = row[offset + 4]
        let severity: String = row[offset + 6]
        let original: String? = row[offset + 7]
        let change: String? = row[offset + 25]
        return Finding(
            fingerprint: Fingerprint(rawValue: row[offset + 1]), scanner: scanner, scanType: ScanType(rawValue: scanType) ?? .code,
            ruleID: row[offset + 5], severity: Severity(rawValue: severity) ?? .info, originalSeverity: original.flatMap(Severity.init(rawValue:)),
            title: row[offset + 8], description: row[offset + 9], location: location,
            cwes: JSONColumn.decode([String].self, row[offset + 15], default: []),
            aliases: JSONColumn.decode([String].self, row[offset + 16], default: []), remediation: row[offset + 17],
            references: JSONColumn.decode([String].self, row[offset + 18], default: []), evidence: row[offset + 19],
            properties: JSONColumn.decode([String: String].self, row[offset + 20], default: [:]),
            reportedBy: JSONColumn.decode([String].self, row[offset + 21], default: [scanner]), suppression: suppression,
            change: change.flatMap(DiffStatus.init(rawValue:)))
    }

    var finding: Finding {
        let location = path.map {
            Location(path: $0, startLine: startLine, endLine: endLine, startColumn: startColumn, endColumn: endColumn)
        }
        let suppression = suppressionSource.flatMap(Suppression.Source.init(rawValue:)).map {
            Suppression(source: $0, reason: suppressionReason ?? "", expires: suppressionExpires)
        }
        return Finding(
            fingerprint: Fingerprint(rawValue: fingerprint), scanner: scanner, scanType: ScanType(rawValue: scanType) ?? .code,
            ruleID: ruleID, severity: Severity(rawValue: severity) ?? .info,
            originalSeverity: originalSeverity.flatMap(Severity.init(rawValue:)), title: title, description: description,
            location: location, cwes: JSONColumn.decode([String].self, cwes, default: []),
            aliases: JSONColumn.decode([String].self, aliases, default: []), remediation: remediation,
            references: JSONColumn.decode([String].self, refs, default: []), evidence: evidence,
            properties: JSONColumn.decode([String: String].self, properties, default: [:]),
            reportedBy: JSONColumn.decode([String].self, reportedBy, default: [scanner]), suppression: suppression,
            change: change.flatMap(DiffStatus.init(rawValue:)))
    }
}
