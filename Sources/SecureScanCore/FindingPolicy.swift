/// Severity overrides, config suppressions and triage verdicts, applied to a run's findings.
///
/// Suppressed findings are kept and marked, never dropped; overrides keep the original severity.
public struct FindingPolicy: Sendable {
    public var severityOverrides: [String: Severity]
    public var suppressions: [SuppressionRule]
    /// People's verdicts by fingerprint: `false_positive`, `wont_fix` and unexpired `accepted_risk` suppress.
    public var triage: [Fingerprint: TriageVerdict]
    /// Accepted findings, suppressed after config entries and before triage verdicts.
    public var baseline: Baseline?
    /// Statements of the VEX documents given to the run, applied last: a person's verdict comes first.
    public var vex: [VEXStatement] = []

    public init(severityOverrides: [String: Severity] = [:], suppressions: [SuppressionRule] = [], triage: [Fingerprint: TriageVerdict] = [:],
                baseline: Baseline? = nil) {
        self.severityOverrides = severityOverrides
        self.suppressions = suppressions
        self.triage = triage
        self.baseline = baseline
    }

    public init(config: ScanConfig, triage: [Fingerprint: TriageVerdict] = [:], baseline: Baseline? = nil, vex: [VEXStatement] = []) {
        self.init(severityOverrides: config.severityOverrides, suppressions: config.suppressions, triage: triage, baseline: baseline)
        self.vex = vex
    }

    /// - Parameter today: `YYYY-MM-DD`, to expire suppressions.
    /// `findings` is consumed and changed in place: only the findings a rule applies to are copied.
    public func apply(to findings: consuming [Finding], today: String) -> [Finding] {
        var findings = findings
        for index in findings.indices {
            if let override = severityOverrides[findings[index].ruleID], override != findings[index].severity {
                findings[index].originalSeverity = findings[index].originalSeverity ?? findings[index].severity
                findings[index].severity = override
            }
            if findings[index].suppression == nil, let rule = suppressions.first(where: { $0.covers(findings[index], today: today) }) {
                findings[index].suppression = Suppression(source: .config, reason: rule.reason, expires: rule.expires)
            }
            if findings[index].suppression == nil, let baseline, let suppression = baseline.suppression(for: findings[index].fingerprint) {
                findings[index].suppression = suppression
            }
            if findings[index].suppression == nil, let verdict = triage[findings[index].fingerprint],
               verdict.status.suppresses(expires: verdict.expires, today: today) {
                let reason = verdict.note.map { "\(verdict.status.rawValue): \($0)" } ?? verdict.status.rawValue
                findings[index].suppression = Suppression(
                    source: .triage, reason: reason, expires: verdict.expires,
                    justification: verdict.status == .notAffected ? verdict.justification : nil)
            }
            if findings[index].suppression == nil, !vex.isEmpty, let statement = vexStatement(for: findings[index]) {
                findings[index].suppression = statement.suppression
            }
        }
        return findings
    }

    /// The first suppressing VEX statement about this finding's vulnerability in its package.
    public func vexStatement(for finding: Finding) -> VEXStatement? {
        guard let purl = finding.properties["purl"] else { return nil }
        let ids = Self.vulnerabilityIDs(of: finding)
        return vex.first { $0.suppresses && $0.covers(vulnerability: ids, package: purl) }
    }

    /// Suppressing VEX statements that match none of `findings`: the package was upgraded or removed, or
    /// the statement names another vulnerability; reported so the document can be brought up to date.
    public func staleVEXStatements(against findings: [Finding]) -> [VEXStatement] {
        let candidates = findings.compactMap { finding in finding.properties["purl"].map { ($0, Self.vulnerabilityIDs(of: finding)) } }
        return vex.filter { statement in
            statement.suppresses && !candidates.contains { statement.covers(vulnerability: $0.1, package: $0.0) }
        }
    }

    /// A vulnerability finding's names: its rule id, aliases and OSV ids.
    static func vulnerabilityIDs(of finding: Finding) -> [String] {
        var ids = [finding.ruleID] + finding.aliases
        if let osv = finding.properties["osv_ids"] { ids += osv.split(separator: ",").map { String($0).trimmingSpaces } }
        return ids
    }

    /// Entries whose expiry date has passed: reported so nobody mistakes them for active.
    public func expiredSuppressions(today: String) -> [SuppressionRule] {
        suppressions.filter { ($0.expires ?? "9999-12-31") < today }
    }
}
