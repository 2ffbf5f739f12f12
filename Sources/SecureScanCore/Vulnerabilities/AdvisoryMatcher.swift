/// Whether an OSV `affected` entry covers a version, by the OSV schema's evaluation rules: `versions`
/// lists match exactly; `SEMVER` and `ECOSYSTEM` ranges are walked in version order, `introduced` opening,
/// `fixed` (at or above) and `last_affected` (above) closing. `GIT` ranges name commits, not versions, and
/// are not evaluated here.
public enum AdvisoryMatcher {
    /// The outcome for one version.
    public enum Verdict: Sendable, Hashable {
        case affected
        case notAffected
        /// A range could not be evaluated (unreadable version, only GIT ranges): the reason.
        case undetermined(String)
    }

    public static func verdict(_ affected: OSVRecord.Affected, version: String, ecosystem: String) -> Verdict {
        let scheme = VersionScheme.of(ecosystem: ecosystem)
        if affected.versions.contains(where: { $0 == version || scheme.compare($0, version) == 0 }) { return .affected }
        var undetermined: String?
        for range in affected.ranges {
            switch range.type {
            case "SEMVER", "ECOSYSTEM":
                let rangeScheme = range.type == "SEMVER" ? VersionScheme.semver : scheme
                switch contains(range, version: version, scheme: rangeScheme) {
                case true?: return .affected
                case false?: continue
                case nil: undetermined = "version \(version) or a range bound cannot be ordered as \(rangeScheme.rawValue)"
                }
            case "GIT":
                if undetermined == nil, affected.versions.isEmpty { undetermined = "only GIT (commit) ranges, which are not evaluated" }
            default:
                undetermined = "unknown range type \(range.type)"
            }
        }
        if let undetermined, affected.versions.isEmpty { return .undetermined(undetermined) }
        return .notAffected
    }

    /// Whether one range contains the version; nil when a needed comparison is impossible.
    static func contains(_ range: OSVRecord.Range, version: String, scheme: VersionScheme) -> Bool? {
        // Each event's bound, with "0" (introduced at the beginning) below everything.
        struct Bound {
            var value: String
            var kind: Int // 0 introduced, 1 fixed, 2 last_affected, 3 limit
        }
        var bounds: [Bound] = []
        for event in range.events {
            if let value = event.introduced { bounds.append(Bound(value: value, kind: 0)) }
            else if let value = event.fixed { bounds.append(Bound(value: value, kind: 1)) }
            else if let value = event.lastAffected { bounds.append(Bound(value: value, kind: 2)) }
            else if let value = event.limit { bounds.append(Bound(value: value, kind: 3)) }
        }
        var failed = false
        func order(_ a: Bound, _ b: Bound) -> Bool {
            if a.value == b.value { return a.kind < b.kind }
            if a.kind == 0, a.value == "0" { return true }
            if b.kind == 0, b.value == "0" { return false }
            guard let result = scheme.compare(a.value, b.value) else {
                failed = true
                return a.value < b.value
            }
            return result == 0 ? a.kind < b.kind : result < 0
        }
        bounds.sort(by: order)
        if failed { return nil }
        var affected = false
        for bound in bounds {
            switch bound.kind {
            case 0:
                if bound.value == "0" { affected = true; continue }
                guard let result = scheme.compare(version, bound.value) else { return nil }
                if result >= 0 { affected = true }
            case 1:
                guard let result = scheme.compare(version, bound.value) else { return nil }
                if result >= 0 { affected = false }
            case 2:
                guard let result = scheme.compare(version, bound.value) else { return nil }
                if result > 0 { affected = false }
            default:
                continue
            }
        }
        return affected
    }

    /// The lowest `fixed` version above `version` in any range of these entries, for remediation.
    public static func lowestFix(_ entries: [OSVRecord.Affected], above version: String, ecosystem: String) -> String? {
        let scheme = VersionScheme.of(ecosystem: ecosystem)
        let fixes = entries.flatMap { entry in
            entry.ranges.filter { $0.type != "GIT" }.flatMap { $0.events.compactMap(\.fixed) }
        }
        return fixes.filter { (scheme.compare($0, version) ?? -1) > 0 }
            .min { (scheme.compare($0, $1) ?? 0) < 0 }
    }
}
