/// How a secret is shown wherever a human or a file sees it: a few characters at each end, never the middle.
public enum Redaction {
    public static let ellipsis = "…"

    /// `AKIAIOSFODNN7EXAMPLE` becomes `AKIA…MPLE`. Shorter values reveal less: from 12 to 19
    /// characters only the first two survive, under 12 only the first, so a password is never half shown.
    /// A `user:password` pair keeps the user and redacts the password.
    public static func redact(_ secret: String) -> String {
        // Secrets are nearly always ASCII (without CR, the one ASCII pair that is a single Character): then
        // bytes are characters, and splitting into Characters, a tenth of a 10,000-secret scan, is skipped.
        if secret.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return redactASCII(Array(secret.utf8)[...]) }
        if let colon = secret.firstIndex(of: ":"), colon != secret.startIndex, secret.index(after: colon) != secret.endIndex,
           secret.distance(from: secret.startIndex, to: colon) <= 64, !secret[..<colon].contains("/") {
            return String(secret[...colon]) + redact(String(secret[secret.index(after: colon)...]))
        }
        let characters = Array(secret)
        switch characters.count {
        case 0: return ""
        case ..<12: return String(characters[0]) + ellipsis
        case ..<20: return String(characters.prefix(2)) + ellipsis
        default: return String(characters.prefix(4)) + ellipsis + String(characters.suffix(4))
        }
    }

    private static func redactASCII(_ bytes: ArraySlice<UInt8>) -> String {
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex, colon + 1 != bytes.endIndex,
           colon - bytes.startIndex <= 64, !bytes[..<colon].contains(UInt8(ascii: "/")) {
            return String(decoding: bytes[...colon], as: UTF8.self) + redactASCII(bytes[(colon + 1)...])
        }
        switch bytes.count {
        case 0: return ""
        case ..<12: return String(decoding: bytes.prefix(1), as: UTF8.self) + ellipsis
        case ..<20: return String(decoding: bytes.prefix(2), as: UTF8.self) + ellipsis
        default: return String(decoding: bytes.prefix(4), as: UTF8.self) + ellipsis + String(decoding: bytes.suffix(4), as: UTF8.self)
        }
    }

    /// Replaces every occurrence of each value in `text` by its redacted form, longest values first
    /// so a secret that contains another is replaced whole.
    public static func scrub(_ text: String, values: [String]) -> String {
        var out = text
        for value in values.sorted(by: { $0.count > $1.count }) where !value.isEmpty && out.contains(value) {
            out = out.replacingAll(value, with: redact(value))
        }
        return out
    }
}

extension String {
    /// Replaces every non-overlapping occurrence of `target`, without Foundation.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[rest.startIndex..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
