/// A Maven version ordered as Maven's `ComparableVersion` orders it: numbers and qualifiers split at
/// `.`, `-` and digit/letter boundaries into nested lists; `alpha` < `beta` < `milestone` < `rc` = `cr` <
/// `snapshot` < release (``, `ga`, `final`, `release`) < `sp` < any other qualifier; trailing release
/// parts (`1.0.0` = `1`) do not count.
public struct MavenVersion: Sendable, Hashable, Comparable {
    indirect enum Item: Sendable, Hashable {
        case number(String)
        case qualifier(String)
        case list([Item])

        var isNull: Bool {
            switch self {
            case .number(let digits): digits == "0"
            case .qualifier(let text): text.isEmpty
            case .list(let items): items.isEmpty
            }
        }
    }

    let items: [Item]

    public init?(_ text: String) {
        let version = text.lowercased().trimmingSpaces
        guard !version.isEmpty else { return nil }
        items = Self.parse(Array(version))
    }

    public static func == (lhs: MavenVersion, rhs: MavenVersion) -> Bool { compare(.list(lhs.items), .list(rhs.items)) == 0 }

    public func hash(into hasher: inout Hasher) { hasher.combine(items.count) }

    public static func < (lhs: MavenVersion, rhs: MavenVersion) -> Bool { compare(.list(lhs.items), .list(rhs.items)) < 0 }

    private static func parse(_ characters: [Character]) -> [Item] {
        // A stack of open lists; each `-` or digit/letter switch opens a nested list.
        var stack: [[Item]] = [[]]
        var isDigit = false
        var start = 0
        func item(_ digits: Bool, _ text: String, followedByDigit: Bool = false) -> Item {
            digits ? .number(NumericText.trimmed(text)) : .qualifier(qualifier(text, followedByDigit: followedByDigit))
        }
        func open() { stack.append([]) }
        for (index, character) in characters.enumerated() {
            if character == "." || character == "-" {
                stack[stack.count - 1].append(index == start ? .number("0") : item(isDigit, String(characters[start..<index])))
                start = index + 1
                if character == "-" { open() }
            } else if character.isASCIIDigit {
                if !isDigit, index > start {
                    stack[stack.count - 1].append(item(false, String(characters[start..<index]), followedByDigit: true))
                    start = index
                    open()
                }
                isDigit = true
            } else {
                if isDigit, index > start {
                    stack[stack.count - 1].append(item(true, String(characters[start..<index])))
                    start = index
                    open()
                }
                isDigit = false
            }
        }
        if characters.count > start { stack[stack.count - 1].append(item(isDigit, String(characters[start...]))) }
        // Close the nested lists innermost first, dropping trailing null items from each.
        while stack.count > 1 {
            let inner = normalize(stack.removeLast())
            stack[stack.count - 1].append(.list(inner))
        }
        return normalize(stack[0])
    }

    private static func normalize(_ list: [Item]) -> [Item] {
        var items = list
        var index = items.count - 1
        while index >= 0 {
            if items[index].isNull {
                items.remove(at: index)
            } else if case .list = items[index] {
                // keep looking past a non-null list
            } else {
                break
            }
            index -= 1
        }
        return items
    }

    private static func qualifier(_ text: String, followedByDigit: Bool) -> String {
        var value = text
        if followedByDigit, value.count == 1 {
            value = ["a": "alpha", "b": "beta", "m": "milestone"][value] ?? value
        }
        return ["ga": "", "final": "", "release": "", "cr": "rc"][value] ?? value
    }

    static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]

    /// Known qualifiers by rank; unknown ones after all of them, among themselves alphabetically.
    private static func rank(_ qualifier: String) -> String {
        if let index = qualifiers.firstIndex(of: qualifier) { return String(index) }
        return "\(qualifiers.count)-\(qualifier)"
    }

    /// Maven's `Item.compareTo`, with `nil` for a missing item.
    static func compare(_ lhs: Item?, _ rhs: Item?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): return 0
        case (nil, let other?): return -compare(other, nil)
        case (.number(let a)?, nil): return a == "0" ? 0 : 1
        case (.number(let a)?, .number(let b)?):
            switch NumericText.compare(a, b) {
            case .orderedAscending: return -1
            case .orderedSame: return 0
            case .orderedDescending: return 1
            }
        case (.number?, _): return 1
        case (.qualifier(let a)?, nil): return order(rank(a), rank(""))
        case (.qualifier?, .number?): return -1
        case (.qualifier(let a)?, .qualifier(let b)?): return order(rank(a), rank(b))
        case (.qualifier?, .list?): return -1
        case (.list(let items)?, nil): return items.first.map { compare($0, nil) } ?? 0
        case (.list?, .number?): return -1
        case (.list?, .qualifier?): return 1
        case (.list(let a)?, .list(let b)?):
            for index in 0..<max(a.count, b.count) {
                let result = compare(index < a.count ? a[index] : nil, index < b.count ? b[index] : nil)
                if result != 0 { return result }
            }
            return 0
        }
    }

    private static func order(_ a: String, _ b: String) -> Int { a == b ? 0 : (a < b ? -1 : 1) }
}
