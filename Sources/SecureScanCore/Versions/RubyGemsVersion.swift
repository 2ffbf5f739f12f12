/// A RubyGems version (`Gem::Version`): segments of digits and of letters; a version with letters is a
/// pre-release and sorts before the release (`1.0.a` < `1.0`); trailing zeros do not count.
public struct RubyGemsVersion: Sendable, Hashable, Comparable {
    enum Segment: Sendable, Hashable {
        case number(String)
        case text(String)
    }

    let segments: [Segment]

    public init?(_ text: String) {
        let version = text.trimmingSpaces
        guard !version.isEmpty, version.allSatisfy({ $0.isLetter || $0.isNumber || ".-_+".contains($0) }), version.first!.isNumber else { return nil }
        var all: [Segment] = []
        var current = ""
        var digits = false
        func flush() {
            if !current.isEmpty { all.append(digits ? .number(NumericText.trimmed(current)) : .text(current)) }
            current = ""
        }
        for character in version {
            if character.isASCIIDigit {
                if !digits { flush() }
                digits = true
                current.append(character)
            } else if character.isLetter {
                if digits { flush() }
                digits = false
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        // Canonical form: trailing zeros dropped from the numeric part and from the pre-release part.
        let firstText = all.firstIndex { if case .text = $0 { true } else { false } } ?? all.count
        func trimmed(_ part: ArraySlice<Segment>) -> [Segment] {
            Array(part.reversed().drop { $0 == .number("0") }.reversed())
        }
        segments = trimmed(all[..<firstText]) + trimmed(all[firstText...])
    }

    public var isPrerelease: Bool { segments.contains { if case .text = $0 { true } else { false } } }

    public static func < (lhs: RubyGemsVersion, rhs: RubyGemsVersion) -> Bool {
        for index in 0..<max(lhs.segments.count, rhs.segments.count) {
            let a = index < lhs.segments.count ? lhs.segments[index] : .number("0")
            let b = index < rhs.segments.count ? rhs.segments[index] : .number("0")
            if a == b { continue }
            switch (a, b) {
            case let (.number(x), .number(y)): return NumericText.compare(x, y) == .orderedAscending
            case (.text, .number): return true
            case (.number, .text): return false
            case let (.text(x), .text(y)): return x < y
            }
        }
        return false
    }
}
