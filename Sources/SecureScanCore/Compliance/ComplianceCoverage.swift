/// Per framework and control, what a run says: `findings` (open findings bear on it, listed),
/// `clear` (a scanner that assesses it completed and found nothing) or `not_assessed`.
public struct ComplianceCoverage: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case findings
        case clear
        case notAssessed = "not_assessed"
    }

    public struct Control: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var status: Status
        /// Scanners whose completed run assessed the control (by rule, or by reporting a finding on it).
        public var assessedBy: [String]
        /// The open findings that bear on it, by fingerprint, in canonical order: the findings themselves
        /// are in `findings.json`, once.
        public var fingerprints: [String]
        /// Those findings per severity.
        public var counts: SeverityCounts

        enum CodingKeys: String, CodingKey {
            case id, name, status, fingerprints, counts
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
    ///
    /// Findings are grouped by what a control looks at (scanner, rule, CWEs), so each control is matched
    /// once per group rather than once per finding: a run of 100,000 findings has a few dozen groups.
    public static func compute(
        findings: [Finding], scannerRuns: [ScannerRun], frameworks: [ComplianceFramework] = ComplianceFramework.all
    ) -> ComplianceCoverage {
        let open = findings.filter(\.isOpen).canonicallySorted()
        struct GroupKey: Hashable {
            var scanner: String
            var ruleID: String
            var cwes: [String]
        }
        var groupIndex: [GroupKey: Int] = [:]
        var groups: [(scanner: String, ruleID: String, cweNumbers: Set<Int>)] = []
        let groupOfFinding = open.map { finding in
            let key = GroupKey(scanner: finding.scanner, ruleID: finding.ruleID, cwes: finding.cwes)
            if let index = groupIndex[key] { return index }
            groups.append((finding.scanner, finding.ruleID, Set(finding.cwes.compactMap(ComplianceControl.cweNumber))))
            groupIndex[key] = groups.count - 1
            return groups.count - 1
        }
        let completed = Set(scannerRuns.filter(\.completed).map(\.scanner))
        return ComplianceCoverage(frameworks: frameworks.map { framework in
            let controls = framework.controls.map { control -> Control in
                let concerned = groups.map { control.concerns(cweNumbers: $0.cweNumbers, scanner: $0.scanner, ruleID: $0.ruleID) }
                var fingerprints: [String] = []
                var counts = SeverityCounts()
                var scanners: Set<String> = []
                for (index, finding) in open.enumerated() where concerned[groupOfFinding[index]] {
                    fingerprints.append(finding.fingerprint.rawValue)
                    counts.add(finding.severity)
                    scanners.insert(finding.scanner)
                }
                let assessedBy = completed.filter { control.isAssessed(by: $0) }.union(scanners).sorted()
                let status: Status = !fingerprints.isEmpty ? .findings : (assessedBy.isEmpty ? .notAssessed : .clear)
                return Control(id: control.id, name: control.name, status: status, assessedBy: assessedBy,
                               fingerprints: fingerprints, counts: counts)
            }
            var counts = [Status.findings, .clear, .notAssessed].reduce(into: [String: Int]()) { $0[$1.rawValue] = 0 }
            for control in controls { counts[control.status.rawValue, default: 0] += 1 }
            return Framework(id: framework.id, name: framework.name, version: framework.version, source: framework.source,
                             counts: counts, controls: controls)
        })
    }
}
