/// A version read once in its scheme's order, to be compared many times (an advisory's range bounds
/// against thousands of installed versions) without reading the text again.
public enum VersionKey: Sendable, Hashable {
    case semver(SemanticVersion)
    case pep440(PEP440Version)
    case maven(MavenVersion)
    case rubygems(RubyGemsVersion)
    case composer(ComposerVersion)
    case dpkg(DpkgVersion)
    case apk(APKVersion)
    case rpm(RPMVersion)

    /// -1, 0 or 1; nil for keys of two different schemes, which have no common order.
    public func compare(_ other: VersionKey) -> Int? {
        switch (self, other) {
        case (.semver(let a), .semver(let b)): Self.order(a, b)
        case (.pep440(let a), .pep440(let b)): Self.order(a, b)
        case (.maven(let a), .maven(let b)): Self.order(a, b)
        case (.rubygems(let a), .rubygems(let b)): Self.order(a, b)
        case (.composer(let a), .composer(let b)): Self.order(a, b)
        case (.dpkg(let a), .dpkg(let b)): Self.order(a, b)
        case (.apk(let a), .apk(let b)): Self.order(a, b)
        case (.rpm(let a), .rpm(let b)): Self.order(a, b)
        default: nil
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (b < a ? 1 : 0)
    }
}
