/// A Semantic Versioning 2.0.0 version (https://semver.org), read leniently the way package ecosystems
/// write them: an optional `v` prefix, missing minor and patch parts count as zero, and numbers of any
/// length compare by value. Go pseudo-versions (`v0.0.0-20200101120000-abcdef123456`) are ordinary
/// pre-releases under this ordering, which is the order Go itself gives them.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One dot-separated pre-release identifier: numeric identifiers sort before alphanumeric ones.
    public enum Identifier: Sendable, Hashable, Comparable {
        case numeric(String)
        case text(String)

        public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
            switch (lhs, rhs) {
            case let (.numeric(a), .numeric(b)): NumericText.compare(a, b) == .orderedAscending
            case (.numeric, .text): true
            case (.text, .numeric): false
            case let (.text(a), .text(b)): Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
            }
        }
    }

    /// Major, minor and patch as digit strings without leading zeros.
    public var core: [String]
    public var prerelease: [Identifier]
    public var build: String
    public let description: String

    /// Parses `text`; nil when it is not a version under the lenient reading described above.
    public init?(_ text: String) {
        self.init(text, maximumParts: 3)
    }

    /// NuGet's reading: up to four numeric parts (the fourth is a revision) and pre-release labels
    /// compared without regard to case.
    public static func nuget(_ text: String) -> SemanticVersion? {
        SemanticVersion(text.lowercased(), maximumParts: 4)
    }

    init?(_ text: String, maximumParts: Int) {
        var rest = Substring(text)
        while rest.first == " " || rest.first == "\t" { rest = rest.dropFirst() }
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var build = ""
        if let plus = rest.firstIndex(of: "+") {
            build = String(rest[rest.index(after: plus)...])
            rest = rest[..<plus]
        }
        var prerelease: [Identifier] = []
        if let dash = rest.firstIndex(of: "-") {
            let tail = rest[rest.index(after: dash)...]
            guard !tail.isEmpty else { return nil }
            prerelease = tail.split(separator: ".", omittingEmptySubsequences: false).map { part in
                part.allSatisfy(\.isASCIIDigit) && !part.isEmpty ? .numeric(NumericText.trimmed(part)) : .text(String(part))
            }
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...maximumParts).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        var core = parts.map { NumericText.trimmed($0) }
        while core.count < maximumParts { core.append("0") }
        self.core = core
        self.prerelease = prerelease
        self.build = build
        self.description = text
    }

    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.core == rhs.core && lhs.prerelease == rhs.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(core)
        hasher.combine(prerelease)
    }

    /// Precedence per SemVer §11; build metadata does not take part.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        for (a, b) in zip(lhs.core, rhs.core) {
            let order = NumericText.compare(a, b)
            if order != .orderedSame { return order == .orderedAscending }
        }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): return lhs.prerelease.lexicographicallyPrecedes(rhs.prerelease)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
