import Dispatch
import SecureScanCore
import Synchronization

/// A row of `findings`: one finding of one run, observed in it or carried forward as not reassessed.
struct FindingRecord {
    static let table = "findings"

    enum Assessment: String {
        case observed
        case carried
    }

    /// The table's columns, in the order of ``arguments`` and of ``finding(row:offset:)``.
    static let columns = [
        "run_seq", "fingerprint", "assessment", "scanner", "scan_type", "rule_id", "severity", "original_severity", "title",
        "description", "path", "start_line", "end_line", "start_column", "end_column", "cwes", "aliases", "remediation", "refs",
        "evidence", "properties", "reported_by", "suppression_source", "suppression_reason", "suppression_expires", "change",
        "suppression_justification",
    ]
    static let columnList = columns.map { "findings." + $0 }.joined(separator: ", ")

    /// The row's values for ``columns``.
    static func arguments(_ finding: Finding, runSeq: Int64, assessment: Assessment) -> [SQLArgument] {
        let location = finding.location
        return [
            .integer(runSeq), .text(finding.fingerprint.rawValue), .text(assessment.rawValue), .text(finding.scanner),
            .text(finding.scanType.rawValue), .text(finding.ruleID), .text(finding.severity.rawValue), .text(finding.originalSeverity?.rawValue),
            .text(finding.title), .text(finding.description), .text(location?.path), .integer(location?.startLine.map(Int64.init)),
            .integer(location?.endLine.map(Int64.init)), .integer(location?.startColumn.map(Int64.init)),
            .integer(location?.endColumn.map(Int64.init)), .text(JSONColumn.encode(finding.cwes)), .text(JSONColumn.encode(finding.aliases)),
            .text(finding.remediation), .text(JSONColumn.encode(finding.references)), .text(finding.evidence),
            .text(JSONColumn.encode(finding.properties)), .text(JSONColumn.encode(finding.reportedBy)),
            .text(finding.suppression?.source.rawValue), .text(finding.suppression?.reason), .text(finding.suppression?.expires),
            .text(finding.change?.rawValue), .text(finding.suppression?.justification?.rawValue),
        ]
    }

    /// Inserts `findings` in order, the rows of each chunk prepared on another thread while the chunk
    /// before it is inserted: preparing a row (its JSON columns, its strings) was a fifth of saving a
    /// 100,000-finding run, and inserting uses one core.
    static func insertAll(_ findings: [Finding], runSeq: Int64, assessment: Assessment, in db: any SQLConnection) throws {
        let chunk = 2_048
        @Sendable func rows(_ start: Int) -> [[SQLArgument]] {
            findings[start..<min(findings.count, start + chunk)].map { arguments($0, runSeq: runSeq, assessment: assessment) }
        }
        guard findings.count > chunk else {
            try db.insertMany(into: table, columns: columns, rows: rows(0), conflict: .fail)
            return
        }
        var current = rows(0)
        var start = 0
        while !current.isEmpty {
            let following = start + chunk
            let prepared = Mutex<[[SQLArgument]]>([])
            let group = DispatchGroup()
            if following < findings.count {
                DispatchQueue.global().async(group: group) {
                    let next = rows(following)
                    prepared.withLock { $0 = next }
                }
            }
            try db.insertMany(into: table, columns: columns, rows: current, conflict: .fail)
            group.wait()
            current = prepared.withLock { $0 }
            start = following
        }
    }

    /// A finding from a row holding ``columns`` from `offset` on, by position (the API reads thousands a
    /// request).
    static func finding(row: SQLRow, offset: Int = 0) -> Finding {
        let path: String? = row[offset + 10]
        let location = path.map {
            Location(path: $0, startLine: row[offset + 11], endLine: row[offset + 12], startColumn: row[offset + 13], endColumn: row[offset + 14])
        }
        let source: String? = row[offset + 22]
        let suppression = source.flatMap(Suppression.Source.init(rawValue:)).map {
            Suppression(source: $0, reason: row[offset + 23] ?? "", expires: row[offset + 24],
                        justification: (row[offset + 26] as String?).flatMap(VEXJustification.init(rawValue:)))
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

    /// The assessment column of a row holding ``columns`` from `offset` on.
    static func assessment(row: SQLRow, offset: Int = 0) -> String { row[offset + 2] }
}
