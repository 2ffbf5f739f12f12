/// A Debian package version, `[epoch:]upstream[-revision]`, in dpkg's order (Debian Policy §5.6.12):
/// epochs by number, then upstream version and revision compared part by part, where runs of digits
/// compare by value and the other characters by `~` < end < letters < everything else (so `1.0~rc1`
/// comes before `1.0`).
public struct DpkgVersion: Sendable, Hashable, Comparable {
    public let epoch: Int
    public let upstream: String
    public let revision: String

    /// nil when `text` is not a dpkg version (empty, a bad epoch, or an upstream part not starting with a digit).
    public init?(_ text: String) {
        guard let (epoch, rest, revision) = EpochVersion.split(text) else { return nil }
        guard let first = rest.utf8.first, first >= 0x30 && first <= 0x39 else { return nil }
        guard rest.utf8.allSatisfy(Self.allowed) else { return nil }
        self.epoch = epoch
        upstream = String(rest)
        self.revision = String(revision)
    }

    public static func < (a: DpkgVersion, b: DpkgVersion) -> Bool { compare(a, b) < 0 }

    public static func == (a: DpkgVersion, b: DpkgVersion) -> Bool { compare(a, b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Self.canonical(upstream))
        hasher.combine(Self.canonical(revision))
    }

    static func compare(_ a: DpkgVersion, _ b: DpkgVersion) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        let upstream = compareParts(Array(a.upstream.utf8), Array(b.upstream.utf8))
        return upstream != 0 ? upstream : compareParts(Array(a.revision.utf8), Array(b.revision.utf8))
    }

    /// dpkg's `verrevcmp`: alternately a run of non-digits (character by character in ``weight(_:)``
    /// order) and a run of digits (by value).
    static func compareParts(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0, j = 0
        while i < a.count || j < b.count {
            // The non-digit prefixes.
            while (i < a.count && !isDigit(a[i])) || (j < b.count && !isDigit(b[j])) {
                let x = i < a.count && !isDigit(a[i]) ? weight(a[i]) : 0
                let y = j < b.count && !isDigit(b[j]) ? weight(b[j]) : 0
                if x != y { return x < y ? -1 : 1 }
                if i < a.count && !isDigit(a[i]) { i += 1 }
                if j < b.count && !isDigit(b[j]) { j += 1 }
            }
            // The digit runs, leading zeros ignored.
            while i < a.count && a[i] == 0x30 { i += 1 }
            while j < b.count && b[j] == 0x30 { j += 1 }
            var first = 0
            while i < a.count && isDigit(a[i]) && j < b.count && isDigit(b[j]) {
                if first == 0 { first = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if i < a.count && isDigit(a[i]) { return 1 }
            if j < b.count && isDigit(b[j]) { return -1 }
            if first != 0 { return first < 0 ? -1 : 1 }
        }
        return 0
    }

    /// `~` sorts before the end of the part, letters after it, everything else after letters.
    static func weight(_ byte: UInt8) -> Int {
        if byte == UInt8(ascii: "~") { return -1 }
        if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) { return Int(byte) }
        return Int(byte) + 256
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func allowed(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || ".+-~".utf8.contains(byte)
    }

    /// Digit runs without leading zeros: equal versions hash alike (`1.01` and `1.1`).
    private static func canonical(_ part: String) -> String {
        var out: [UInt8] = []
        var inNumber = false
        for byte in part.utf8 {
            if isDigit(byte) {
                if !inNumber && byte == 0x30 { continue }
                inNumber = true
            } else {
                inNumber = false
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// `[epoch:]version[-release]`, the shape dpkg and rpm versions share.
enum EpochVersion {
    /// The epoch (0 when absent), the version and the part after its last `-`; nil for a bad epoch.
    static func split(_ text: String) -> (epoch: Int, version: Substring, release: Substring)? {
        var rest = Substring(text.trimmingSpaces)
        var epoch = 0
        if let colon = rest.firstIndex(of: ":") {
            guard let value = Int(rest[..<colon]), value >= 0 else { return nil }
            epoch = value
            rest = rest[rest.index(after: colon)...]
        }
        var release = Substring("")
        if let dash = rest.lastIndex(of: "-") {
            release = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        return (epoch, rest, release)
    }
}
