/// How a secret is shown wherever a human or a file sees it: a few characters at each end, never the middle.
public enum Redaction {
    public static let ellipsis = "…"

    /// `AKIAIOSFODNN7EXAMPLE` becomes `AKIA…MPLE`. Shorter values reveal less: from 12 to 19
    /// characters only the first two survive, under 12 only the first, so a password is never half shown.
    /// A `user:password` pair keeps the user and redacts the password.
    public static func redact(_ secret: String) -> String {
        // Secrets are nearly always ASCII (without CR, the one ASCII pair that is a single Character): then
        // bytes are characters, and splitting into Characters, a tenth of a 10,000-secret scan, is skipped.
        if secret.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return redact(Array(secret.utf8)[...], colon: UInt8(ascii: ":"), slash: UInt8(ascii: "/")) { String(decoding: $0, as: UTF8.self) }
        }
        return redact(Array(secret)[...], colon: ":", slash: "/") { String($0) }
    }

    /// The rule over characters, or over bytes when they are the characters.
    private static func redact<Unit: Equatable>(_ units: ArraySlice<Unit>, colon: Unit, slash: Unit,
                                                text: (ArraySlice<Unit>) -> String) -> String {
        if let at = units.firstIndex(of: colon), at != units.startIndex, at + 1 != units.endIndex,
           at - units.startIndex <= 64, !units[..<at].contains(slash) {
            return text(units[...at]) + redact(units[(at + 1)...], colon: colon, slash: slash, text: text)
        }
        switch units.count {
        case 0: return ""
        case ..<12: return text(units.prefix(1)) + ellipsis
        case ..<20: return text(units.prefix(2)) + ellipsis
        default: return text(units.prefix(4)) + ellipsis + text(units.suffix(4))
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
