import Crypto

/// The plaintext form of a database API key, `ssk_<id>_<secret>`, and the salted hash stored for it.
///
/// The shape is the reference system's, so its keys and hashes keep working: a 10-character id without
/// `_`, a 32-character URL-safe secret, and `"<salt hex>$<sha256(salt ‖ plaintext) hex>"` as the hash.
public struct APIKeyToken: Sendable, Hashable {
    public static let prefix = "ssk_"
    public static let idLength = 10
    public static let secretLength = 32
    /// Characters of the plaintext shown in listings (`ssk_` + id + `_` + one secret character).
    public static let displayPrefixLength = 16

    public let id: String
    public let plaintext: String

    /// A new random key.
    public static func generate() -> APIKeyToken {
        var generator = SystemRandomNumberGenerator()
        let idBytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let id = String(Base64URL.encode(idBytes).map { $0 == "-" ? "x" : $0 == "_" ? "y" : $0 }.prefix(idLength))
        let secretBytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = Base64URL.encode(secretBytes)
        return APIKeyToken(id: id, plaintext: prefix + id + "_" + secret)
    }

    /// Reads a presented key; nil when it is not shaped like a database key.
    public init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        guard let separator = rest.firstIndex(of: "_") else { return nil }
        let id = rest[..<separator]
        guard id.count == Self.idLength, rest.index(after: separator) < rest.endIndex else { return nil }
        self.init(id: String(id), plaintext: text)
    }

    private init(id: String, plaintext: String) {
        self.id = id
        self.plaintext = plaintext
    }

    /// What listings show of the key.
    public var displayPrefix: String { String(plaintext.prefix(Self.displayPrefixLength)) }

    /// A fresh salt and the digest of salt ‖ plaintext.
    public func hash() -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Self.hash(plaintext: plaintext, salt: salt)
    }

    static func hash(plaintext: String, salt: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Array(plaintext.utf8))
        return salt.hexString + "$" + Array(hasher.finalize()).hexString
    }

    /// Whether `stored` is the hash of this key. Malformed stored values never verify.
    public func verifies(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 32, let salt = [UInt8](hex: String(parts[0])) else { return false }
        return ConstantTime.equal(Self.hash(plaintext: plaintext, salt: salt), stored)
    }
}

/// Comparisons whose time does not depend on where the inputs differ.
public enum ConstantTime {
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}

/// URL-safe base64 without padding (RFC 4648 §5).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output = ""
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                output.append(alphabet[(buffer >> bits) & 0x3F])
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (6 - bits)) & 0x3F]) }
        return output
    }

    /// nil for any character outside the alphabet (padding `=` is tolerated at the end).
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0, bits = 0
        for character in text.utf8 {
            if character == UInt8(ascii: "=") { break }
            let value: Int
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(character) - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(character) - 97 + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(character) - 48 + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            buffer = ((buffer << 6) | value) & 0xFFFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return output
    }
}

extension Array where Element == UInt8 {
    /// Bytes from an even-length hexadecimal string; nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - 55
            default: nil
            }
        }
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self = bytes
    }
}
