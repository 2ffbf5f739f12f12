/// Cross-scanner deduplication: findings with the same fingerprint are one finding.
public enum FindingMerge {
    /// Keeps one finding per fingerprint: the most severe report wins (ties keep the first in
    /// canonical order), and `reportedBy` lists every scanner that reported it.
    public static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        var position: [Fingerprint: Int] = [:]
        position.reserveCapacity(findings.count)
        var promoted = false
        for finding in findings.canonicallySorted() {
            guard let index = position[finding.fingerprint] else {
                position[finding.fingerprint] = kept.count
                kept.append(finding)
                continue
            }
            let reporters = Array(Set(kept[index].reportedBy + finding.reportedBy)).sorted()
            if finding.severity > kept[index].severity {
                kept[index] = finding
                promoted = true
            }
            kept[index].reportedBy = reporters
        }
        // Only a finding replaced by a more severe report can have moved.
        return promoted ? kept.canonicallySorted() : kept
    }
}
