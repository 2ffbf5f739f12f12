/// A Packagist (Composer) version, ordered as PHP's `version_compare` orders Composer's normalized
/// versions: `v` and separators dropped, digit/letter boundaries split, and the stability words
/// `dev` < `alpha`/`a` < `beta`/`b` < `RC`/`rc` < a number < `patch`/`pl`/`p`.
public struct ComposerVersion: Sendable, Hashable, Comparable {
    let parts: [String]

    public init?(_ text: String) {
        var version = text.lowercased().trimmingSpaces
        if version.hasPrefix("v") { version.removeFirst() }
        guard let first = version.first, first.isASCIIDigit, !version.hasPrefix("dev-") else { return nil }
        if let plus = version.firstIndex(of: "+") { version = String(version[..<plus]) }
        var parts: [String] = []
        var current = ""
        var digits = false
        func flush() {
            if !current.isEmpty { parts.append(current) }
            current = ""
        }
        for character in version {
            if "-_.".contains(character) {
                flush()
            } else if character.isASCIIDigit {
                if !digits { flush() }
                digits = true
                current.append(character)
            } else {
                if digits { flush() }
                digits = false
                current.append(character)
            }
        }
        flush()
        // Composer normalizes to four numeric parts: 1.2 is 1.2.0.0.
        let numeric = parts.prefix { $0.first?.isASCIIDigit == true }.count
        if numeric < 4 { parts.insert(contentsOf: Array(repeating: "0", count: 4 - numeric), at: numeric) }
        self.parts = parts
    }

    /// PHP's special forms: anything unknown < dev < alpha < beta < RC < # (a number) < pl.
    private static func rank(_ part: String) -> Int {
        if part.first?.isASCIIDigit == true { return 5 }
        switch part {
        case "dev": return 1
        case "alpha", "a": return 2
        case "beta", "b": return 3
        case "rc", "c": return 4
        case "#": return 5
        case "pl", "p", "patch": return 6
        default: return 0
        }
    }

    private static func compare(_ a: String, _ b: String) -> Int {
        if a.first?.isASCIIDigit == true, b.first?.isASCIIDigit == true {
            switch NumericText.compare(a, b) {
            case .orderedAscending: return -1
            case .orderedSame: return 0
            case .orderedDescending: return 1
            }
        }
        let (x, y) = (rank(a), rank(b))
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    public static func == (lhs: ComposerVersion, rhs: ComposerVersion) -> Bool { order(lhs, rhs) == 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(parts.count) }
    public static func < (lhs: ComposerVersion, rhs: ComposerVersion) -> Bool { order(lhs, rhs) < 0 }

    /// When one runs out, a remaining number makes the longer one greater, and a remaining word is
    /// compared against a number (`1.0` > `1.0-rc1`, `1.0` < `1.0-pl1`, `1.0` < `1.0.1`).
    private static func order(_ lhs: ComposerVersion, _ rhs: ComposerVersion) -> Int {
        for index in 0..<max(lhs.parts.count, rhs.parts.count) {
            let result: Int
            if index >= lhs.parts.count {
                let part = rhs.parts[index]
                result = part.first?.isASCIIDigit == true ? -1 : compare("#", part)
            } else if index >= rhs.parts.count {
                let part = lhs.parts[index]
                result = part.first?.isASCIIDigit == true ? 1 : compare(part, "#")
            } else {
                result = compare(lhs.parts[index], rhs.parts[index])
            }
            if result != 0 { return result }
        }
        return 0
    }
}
