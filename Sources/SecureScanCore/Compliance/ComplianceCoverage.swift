/// Per framework and control, what a run says: `findings` (open findings bear on it, listed),
/// `clear` (a scanner that assesses it completed and found nothing) or `not_assessed`.
public struct ComplianceCoverage: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case findings
        case clear
        case notAssessed = "not_assessed"
    }

    public struct FindingReference: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var scanner: String
        public var ruleID: String
        public var severity: Severity
        public var title: String
        public var location: String?

        enum CodingKeys: String, CodingKey {
            case fingerprint, scanner, severity, title, location
            case ruleID = "rule_id"
        }
    }

    public struct Control: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var status: Status
        /// Scanners whose completed run assessed the control (by rule, or by reporting a finding on it).
        public var assessedBy: [String]
        public var findings: [FindingReference]

        enum CodingKeys: String, CodingKey {
            case id, name, status, findings
            case assessedBy = "assessed_by"
        }
    }

    public struct Framework: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var version: String
        public var source: String
        public var counts: [String: Int]
        public var controls: [Control]
    }

    public var frameworks: [Framework]

    /// Coverage of `frameworks` by one run: its open findings and the scanners that completed.
    public static func compute(
        findings: [Finding], scannerRuns: [ScannerRun], frameworks: [ComplianceFramework] = ComplianceFramework.all
    ) -> ComplianceCoverage {
        let open = findings.filter(\.isOpen).canonicallySorted()
        // Each finding's CWE numbers parsed once, not once per control.
        let cweSets = open.map { Set($0.cwes.compactMap(ComplianceControl.cweNumber)) }
        let references = open.map { finding in
            FindingReference(
                fingerprint: finding.fingerprint.rawValue, scanner: finding.scanner, ruleID: finding.ruleID,
                severity: finding.severity, title: finding.title,
                location: finding.location?.display)
        }
        let completed = Set(scannerRuns.filter(\.completed).map(\.scanner))
        return ComplianceCoverage(frameworks: frameworks.map { framework in
            let controls = framework.controls.map { control -> Control in
                let hits = open.indices.filter { index in
                    control.concerns(cweNumbers: cweSets[index], scanner: open[index].scanner, ruleID: open[index].ruleID)
                }
                let assessedBy = completed.filter { control.isAssessed(by: $0) }.union(hits.map { open[$0].scanner }).sorted()
                let status: Status = !hits.isEmpty ? .findings : (assessedBy.isEmpty ? .notAssessed : .clear)
                return Control(id: control.id, name: control.name, status: status, assessedBy: assessedBy, findings: hits.map { references[$0] })
            }
            var counts = [Status.findings, .clear, .notAssessed].reduce(into: [String: Int]()) { $0[$1.rawValue] = 0 }
            for control in controls { counts[control.status.rawValue, default: 0] += 1 }
            return Framework(id: framework.id, name: framework.name, version: framework.version, source: framework.source,
                             counts: counts, controls: controls)
        })
    }
}
