/// Severity overrides, config suppressions and triage verdicts, applied to a run's findings.
///
/// Suppressed findings are kept and marked, never dropped; overrides keep the original severity.
public struct FindingPolicy: Sendable {
    public var severityOverrides: [String: Severity]
    public var suppressions: [SuppressionRule]
    /// People's verdicts by fingerprint: `false_positive`, `wont_fix` and unexpired `accepted_risk` suppress.
    public var triage: [Fingerprint: TriageVerdict]

    public init(severityOverrides: [String: Severity] = [:], suppressions: [SuppressionRule] = [], triage: [Fingerprint: TriageVerdict] = [:]) {
        self.severityOverrides = severityOverrides
        self.suppressions = suppressions
        self.triage = triage
    }

    public init(config: ScanConfig, triage: [Fingerprint: TriageVerdict] = [:]) {
        self.init(severityOverrides: config.severityOverrides, suppressions: config.suppressions, triage: triage)
    }

    /// - Parameter today: `YYYY-MM-DD`, to expire suppressions.
    public func apply(to findings: [Finding], today: String) -> [Finding] {
        findings.map { finding in
            var finding = finding
            if let override = severityOverrides[finding.ruleID], override != finding.severity {
                finding.originalSeverity = finding.originalSeverity ?? finding.severity
                finding.severity = override
            }
            if finding.suppression == nil, let rule = suppressions.first(where: { $0.covers(finding, today: today) }) {
                finding.suppression = Suppression(source: .config, reason: rule.reason, expires: rule.expires)
            }
            if finding.suppression == nil, let verdict = triage[finding.fingerprint],
               verdict.status.suppresses(expires: verdict.expires, today: today) {
                let reason = verdict.note.map { "\(verdict.status.rawValue): \($0)" } ?? verdict.status.rawValue
                finding.suppression = Suppression(source: .triage, reason: reason, expires: verdict.expires)
            }
            return finding
        }
    }

    /// Entries whose expiry date has passed: reported so nobody mistakes them for active.
    public func expiredSuppressions(today: String) -> [SuppressionRule] {
        suppressions.filter { ($0.expires ?? "9999-12-31") < today }
    }
}
