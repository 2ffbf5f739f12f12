/// Cross-scanner deduplication: findings with the same fingerprint are one finding.
public enum FindingMerge {
    /// Keeps one finding per fingerprint: the most severe report wins (ties keep the first in
    /// canonical order), and `reportedBy` lists every scanner that reported it.
    public static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var byFingerprint: [Fingerprint: Finding] = [:]
        for finding in findings.canonicallySorted() {
            guard var kept = byFingerprint[finding.fingerprint] else {
                byFingerprint[finding.fingerprint] = finding
                continue
            }
            kept.reportedBy = Array(Set(kept.reportedBy + finding.reportedBy)).sorted()
            if finding.severity > kept.severity {
                let reporters = kept.reportedBy
                kept = finding
                kept.reportedBy = reporters
            }
            byFingerprint[finding.fingerprint] = kept
        }
        return byFingerprint.values.canonicallySorted()
    }
}
