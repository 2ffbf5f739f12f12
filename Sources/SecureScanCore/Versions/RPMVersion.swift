/// An RPM package version, `[epoch:]version[-release]`, in rpm's order (`rpmvercmp`): epochs by number,
/// then version and release split into runs of digits (by value) and of letters (by text), other
/// characters separating them; a numeric run beats a letter run, `~` sorts before anything (pre-releases)
/// and `^` after the end but before anything else (post-release snapshots).
public struct RPMVersion: Sendable, Hashable, Comparable {
    public let epoch: Int
    public let version: String
    public let release: String

    public init?(_ text: String) {
        guard let (epoch, rest, release) = EpochVersion.split(text) else { return nil }
        guard !rest.isEmpty, rest.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }) else { return nil }
        self.epoch = epoch
        version = String(rest)
        self.release = String(release)
    }

    public static func < (a: RPMVersion, b: RPMVersion) -> Bool { compare(a, b) < 0 }

    public static func == (a: RPMVersion, b: RPMVersion) -> Bool { compare(a, b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
    }

    static func compare(_ a: RPMVersion, _ b: RPMVersion) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        let version = vercmp(Array(a.version.utf8), Array(b.version.utf8))
        if version != 0 { return version }
        // A version without a release matches any release of it (as rpm's dependency ranges do).
        if a.release.isEmpty || b.release.isEmpty { return 0 }
        return vercmp(Array(a.release.utf8), Array(b.release.utf8))
    }

    /// rpm's segment comparison.
    static func vercmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            while i < a.count && !isAlnum(a[i]) && a[i] != tilde && a[i] != caret { i += 1 }
            while j < b.count && !isAlnum(b[j]) && b[j] != tilde && b[j] != caret { j += 1 }
            let x: UInt8? = i < a.count ? a[i] : nil, y: UInt8? = j < b.count ? b[j] : nil
            // `~`: before everything, the end included.
            if x == tilde || y == tilde {
                if x != tilde { return 1 }
                if y != tilde { return -1 }
                i += 1
                j += 1
                continue
            }
            // `^`: after the end, before everything else.
            if x == caret || y == caret {
                if x == nil { return -1 }
                if y == nil { return 1 }
                if x != caret { return 1 }
                if y != caret { return -1 }
                i += 1
                j += 1
                continue
            }
            guard let first = x, y != nil else { break }
            let numeric = isDigit(first)
            let startA = i, startB = j
            if numeric {
                while i < a.count && isDigit(a[i]) { i += 1 }
                while j < b.count && isDigit(b[j]) { j += 1 }
            } else {
                while i < a.count && isLetter(a[i]) { i += 1 }
                while j < b.count && isLetter(b[j]) { j += 1 }
            }
            // The other side has a run of the other kind: a number is newer than letters.
            if j == startB { return numeric ? 1 : -1 }
            var segmentA = a[startA..<i], segmentB = b[startB..<j]
            if numeric {
                while segmentA.first == 0x30 { segmentA = segmentA.dropFirst() }
                while segmentB.first == 0x30 { segmentB = segmentB.dropFirst() }
                if segmentA.count != segmentB.count { return segmentA.count < segmentB.count ? -1 : 1 }
            }
            if !segmentA.elementsEqual(segmentB) {
                return segmentA.lexicographicallyPrecedes(segmentB) ? -1 : 1
            }
        }
        let restA = i < a.count, restB = j < b.count
        if !restA && !restB { return 0 }
        return restA ? 1 : -1
    }

    private static let tilde = UInt8(ascii: "~"), caret = UInt8(ascii: "^")
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
    private static func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
