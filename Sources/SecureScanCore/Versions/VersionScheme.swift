/// How an ecosystem orders its versions. OSV's `ECOSYSTEM` ranges are evaluated in these orders; the
/// ecosystem names are OSV's (https://ossf.github.io/osv-schema/#affectedpackage-field).
public enum VersionScheme: String, Sendable, Hashable, CaseIterable {
    case semver
    case pep440
    case maven
    case rubygems
    case nuget
    case composer
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
        default: return .generic
        }
    }

    /// -1, 0 or 1; nil when either version cannot be read in this scheme.
    public func compare(_ a: String, _ b: String) -> Int? {
        switch self {
        case .semver: Self.order(SemanticVersion(a), SemanticVersion(b))
        case .pep440: Self.order(PEP440Version(a), PEP440Version(b))
        case .maven: Self.order(MavenVersion(a), MavenVersion(b))
        case .rubygems: Self.order(RubyGemsVersion(a), RubyGemsVersion(b))
        case .nuget: Self.order(SemanticVersion.nuget(a), SemanticVersion.nuget(b))
        case .composer: Self.order(ComposerVersion(a), ComposerVersion(b))
        case .generic: Self.order(RubyGemsVersion(a), RubyGemsVersion(b))
        }
    }

    /// Whether `version` is a pre-release in this scheme.
    public func isPrerelease(_ version: String) -> Bool {
        switch self {
        case .semver, .nuget: !(SemanticVersion(version)?.prerelease.isEmpty ?? true)
        case .pep440: PEP440Version(version)?.isPrerelease ?? false
        case .rubygems, .generic: RubyGemsVersion(version)?.isPrerelease ?? false
        case .maven, .composer: version.lowercased().contains(where: \.isLetter)
        }
    }

    private static func order<T: Comparable>(_ a: T?, _ b: T?) -> Int? {
        guard let a, let b else { return nil }
        return a < b ? -1 : (b < a ? 1 : 0)
    }
}
