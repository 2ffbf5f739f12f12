/// An Alpine package version in apk's order: `1.2.3` numbers, an optional letter (`1.2.3a`), suffixes
/// `_alpha` < `_beta` < `_pre` < `_rc` < (none) < `_cvs` < `_svn` < `_git` < `_hg` < `_p`, each with an
/// optional number, and the package revision `-r2`. Components after the first that start with `0`
/// compare as decimal fractions (`1.02` < `1.1`). Text that does not follow the grammar still orders:
/// the comparison stops where it stops following it, as apk's does.
public struct APKVersion: Sendable, Hashable, Comparable {
    public let text: String

    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        guard let first = trimmed.utf8.first, first >= 0x30 && first <= 0x39 else { return nil }
        self.text = trimmed
    }

    public static func < (a: APKVersion, b: APKVersion) -> Bool { compare(a.text, b.text) < 0 }

    public static func == (a: APKVersion, b: APKVersion) -> Bool { compare(a.text, b.text) == 0 }

    public func hash(into hasher: inout Hasher) {}

    /// The kinds of token, in the order apk ranks a version that goes on with one against one that ends.
    enum Token: Int, Comparable {
        case invalid = -1, digitOrZero, digit, letter, suffix, suffixNumber, revisionNumber, end

        static func < (a: Token, b: Token) -> Bool { a.rawValue < b.rawValue }
    }

    static let preSuffixes = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
    static let postSuffixes = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    /// A cursor over one version's bytes.
    struct Reader {
        let bytes: [UInt8]
        var position = 0
        var token = Token.digit

        /// The value of the current token, advancing past it and deciding the next token's kind.
        mutating func value() -> Int {
            guard position < bytes.count else {
                token = .end
                return 0
            }
            var value = 0, length = 0
            var next: Token?
            switch token {
            case .digitOrZero where bytes[position] == 0x30:
                // Leading zeros: `.02` is a fraction, ranked below `.1` and by how many zeros lead it.
                while position + length < bytes.count && bytes[position + length] == 0x30 { length += 1 }
                value = -length
                next = .digit
            case .digitOrZero, .digit, .suffixNumber, .revisionNumber:
                while position + length < bytes.count, let digit = Self.digit(bytes[position + length]) {
                    value = value &* 10 &+ digit
                    length += 1
                }
            case .letter:
                value = Int(bytes[position])
                length = 1
            case .suffix:
                let rest = bytes[position...]
                if let index = APKVersion.preSuffixes.firstIndex(where: { rest.starts(with: $0) }) {
                    value = index - APKVersion.preSuffixes.count
                    length = APKVersion.preSuffixes[index].count
                } else if let index = APKVersion.postSuffixes.firstIndex(where: { rest.starts(with: $0) }) {
                    value = index
                    length = APKVersion.postSuffixes[index].count
                } else {
                    token = .invalid
                    return -1
                }
            case .invalid, .end:
                token = .invalid
                return -1
            }
            position += length
            if position >= bytes.count {
                token = .end
            } else if let next {
                token = next
            } else {
                advanceToken()
            }
            return value
        }

        /// The kind of the next token, from the character that starts it.
        mutating func advanceToken() {
            var next = Token.invalid
            let byte = bytes[position]
            let lower = byte >= 0x61 && byte <= 0x7A, digit = Self.digit(byte) != nil
            if (token == .digit || token == .digitOrZero) && lower {
                next = .letter
            } else if token == .letter && digit {
                next = .digit
            } else if token == .suffix && digit {
                next = .suffixNumber
            } else {
                switch byte {
                case UInt8(ascii: "."): next = .digitOrZero
                case UInt8(ascii: "_"): next = .suffix
                case UInt8(ascii: "-"):
                    if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "r") {
                        next = .revisionNumber
                        position += 1
                    }
                default: break
                }
                position += 1
            }
            if next < token, !((next == .digitOrZero && token == .digit) || (next == .suffix && token == .suffixNumber)
                                 || (next == .digit && token == .letter)) {
                next = .invalid
            }
            token = next
        }

        private static func digit(_ byte: UInt8) -> Int? { byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil }
    }

    /// -1, 0 or 1.
    static func compare(_ a: String, _ b: String) -> Int {
        var x = Reader(bytes: Array(a.utf8)), y = Reader(bytes: Array(b.utf8))
        var u = 0, v = 0
        while x.token == y.token && x.token != .end && x.token != .invalid && u == v {
            u = x.value()
            v = y.value()
        }
        if u != v { return u < v ? -1 : 1 }
        if x.token == y.token { return 0 }
        // Equal so far: the one that goes on is newer, unless it goes on with a pre-release suffix.
        if x.token == .suffix {
            var peek = x
            if peek.value() < 0 { return -1 }
        }
        if y.token == .suffix {
            var peek = y
            if peek.value() < 0 { return 1 }
        }
        return x.token > y.token ? -1 : (x.token < y.token ? 1 : 0)
    }
}
