/// How an ecosystem orders its versions. OSV's `ECOSYSTEM` ranges are evaluated in these orders; the
/// ecosystem names are OSV's (https://ossf.github.io/osv-schema/#affectedpackage-field).
public enum VersionScheme: String, Sendable, Hashable, CaseIterable {
    case semver
    case pep440
    case maven
    case rubygems
    case nuget
    case composer
    /// Debian and Ubuntu packages (dpkg's order: epochs, `~` before the end).
    case dpkg
    /// Alpine packages (apk's order: `_alpha` … `_p` suffixes, `-r` revisions).
    case apk
    /// Red Hat, Rocky Linux, AlmaLinux, SUSE and other RPM-based distributions (`rpmvercmp`).
    case rpm
    /// Runs of digits and letters, numbers compared by value: for ecosystems without a formal scheme.
    case generic

    /// The scheme of an OSV ecosystem (`Maven:https://…` and `Debian:12` style suffixes ignored).
    public static func of(ecosystem: String) -> VersionScheme {
        let base = ecosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ecosystem
        switch base {
        case "npm", "crates.io", "Go", "Hex", "Pub", "SwiftURL", "Bitnami", "Hackage": return .semver
        case "PyPI": return .pep440
        case "Maven": return .maven
        case "RubyGems": return .rubygems
        case "NuGet": return .nuget
        case "Packagist": return .composer
        case "Debian", "Ubuntu": return .dpkg
        case "Alpine": return .apk
        case "Red Hat", "Rocky Linux", "AlmaLinux", "SUSE", "openSUSE", "Mageia", "openEuler": return .rpm
        default: return .generic
        }
    }

    /// -1, 0 or 1; nil when either version cannot be read in this scheme.
    public func compare(_ a: String, _ b: String) -> Int? {
        guard let a = key(a), let b = key(b) else { return nil }
        return a.compare(b)
    }

    /// `version` read in this scheme's order; nil when it is not a version of this scheme.
    public func key(_ version: String) -> VersionKey? {
        switch self {
        case .semver: SemanticVersion(version).map(VersionKey.semver)
        case .pep440: PEP440Version(version).map(VersionKey.pep440)
        case .maven: MavenVersion(version).map(VersionKey.maven)
        case .rubygems, .generic: RubyGemsVersion(version).map(VersionKey.rubygems)
        case .nuget: SemanticVersion.nuget(version).map(VersionKey.semver)
        case .composer: ComposerVersion(version).map(VersionKey.composer)
        case .dpkg: DpkgVersion(version).map(VersionKey.dpkg)
        case .apk: APKVersion(version).map(VersionKey.apk)
        case .rpm: RPMVersion(version).map(VersionKey.rpm)
        }
    }

    /// Whether `version` is a pre-release in this scheme.
    public func isPrerelease(_ version: String) -> Bool {
        switch self {
        case .semver, .nuget: !(SemanticVersion(version)?.prerelease.isEmpty ?? true)
        case .pep440: PEP440Version(version)?.isPrerelease ?? false
        case .rubygems, .generic: RubyGemsVersion(version)?.isPrerelease ?? false
        case .maven, .composer: version.lowercased().contains(where: \.isLetter)
        case .dpkg, .rpm: version.contains("~")
        case .apk: ["_alpha", "_beta", "_pre", "_rc"].contains { version.contains($0) }
        }
    }
}
