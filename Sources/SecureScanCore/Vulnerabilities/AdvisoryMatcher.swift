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

    /// An installed version, read once for all the advisories of its package.
    public struct Installed: Sendable {
        public let version: String
        let scheme: VersionScheme
        /// In the ecosystem's order, and in SemVer's (for `SEMVER` ranges).
        let key: VersionKey?
        let semverKey: VersionKey?

        public init(_ version: String, ecosystem: String) {
            self.version = version
            scheme = VersionScheme.of(ecosystem: ecosystem)
            key = scheme.key(version)
            semverKey = scheme == .semver ? key : VersionScheme.semver.key(version)
        }
    }

    public static func verdict(_ affected: OSVRecord.Affected, version: String, ecosystem: String) -> Verdict {
        verdict(affected, installed: Installed(version, ecosystem: ecosystem))
    }

    public static func verdict(_ affected: OSVRecord.Affected, installed: Installed) -> Verdict {
        let scheme = installed.scheme
        let version = installed.version
        if affected.versions.contains(where: { listed in
            listed == version || (installed.key.flatMap { key in scheme.key(listed).flatMap { $0.compare(key) } } == 0)
        }) { return .affected }
        var undetermined: String?
        for range in affected.ranges {
            switch range.type {
            case "SEMVER", "ECOSYSTEM":
                let semver = range.type == "SEMVER"
                let rangeScheme = semver ? VersionScheme.semver : scheme
                switch contains(range, version: semver ? installed.semverKey : installed.key, scheme: rangeScheme) {
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
    static func contains(_ range: OSVRecord.Range, version: VersionKey?, scheme: VersionScheme) -> Bool? {
        // Each event's bound, with "0" (introduced at the beginning) below everything.
        struct Bound {
            var value: String
            var key: VersionKey?
            var kind: Int // 0 introduced, 1 fixed, 2 last_affected, 3 limit
            var isZero: Bool { kind == 0 && value == "0" }
        }
        var bounds: [Bound] = []
        bounds.reserveCapacity(range.events.count)
        for event in range.events {
            if let value = event.introduced { bounds.append(Bound(value: value, key: value == "0" ? nil : scheme.key(value), kind: 0)) }
            else if let value = event.fixed { bounds.append(Bound(value: value, key: scheme.key(value), kind: 1)) }
            else if let value = event.lastAffected { bounds.append(Bound(value: value, key: scheme.key(value), kind: 2)) }
            else if let value = event.limit { bounds.append(Bound(value: value, key: scheme.key(value), kind: 3)) }
        }
        var failed = false
        func order(_ a: Bound, _ b: Bound) -> Bool {
            if a.value == b.value { return a.kind < b.kind }
            if a.isZero { return true }
            if b.isZero { return false }
            guard let result = a.key.flatMap({ x in b.key.flatMap { x.compare($0) } }) else {
                failed = true
                return a.value < b.value
            }
            return result == 0 ? a.kind < b.kind : result < 0
        }
        if bounds.count > 1 { bounds.sort(by: order) }
        if failed { return nil }
        var affected = false
        for bound in bounds {
            if bound.isZero { affected = true; continue }
            if bound.kind == 3 { continue }
            guard let version, let result = bound.key.flatMap({ version.compare($0) }) else { return nil }
            switch bound.kind {
            case 0: if result >= 0 { affected = true }
            case 1: if result >= 0 { affected = false }
            default: if result > 0 { affected = false }
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
