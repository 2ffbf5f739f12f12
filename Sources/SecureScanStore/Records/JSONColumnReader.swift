/// Reads the two shapes ``JSONColumn`` writes, `["a","b"]` and `{"k":"v"}`, without a JSONDecoder: the API
/// reads thousands of findings a request, each with five such columns. Anything else (other whitespace
/// is tolerated) returns nil and the caller falls back to the decoder.
struct JSONColumnReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func strings(_ text: String) -> [String]? {
        if text == "[]" { return [] }
        var reader = JSONColumnReader(text)
        return reader.array()
    }

    static func stringMap(_ text: String) -> [String: String]? {
        if text == "{}" { return [:] }
        var reader = JSONColumnReader(text)
        return reader.object()
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func array() -> [String]? {
        guard expect(UInt8(ascii: "[")) else { return nil }
        var values: [String] = []
        if expect(UInt8(ascii: "]")) { return finished(values) }
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while expect(UInt8(ascii: ","))
        return expect(UInt8(ascii: "]")) ? finished(values) : nil
    }

    private mutating func object() -> [String: String]? {
        guard expect(UInt8(ascii: "{")) else { return nil }
        var values: [String: String] = [:]
        if expect(UInt8(ascii: "}")) { return finished(values) }
        repeat {
            guard let key = string(), expect(UInt8(ascii: ":")), let value = string() else { return nil }
            values[key] = value
        } while expect(UInt8(ascii: ","))
        return expect(UInt8(ascii: "}")) ? finished(values) : nil
    }

    private mutating func finished<T>(_ value: T) -> T? {
        skipSpace()
        return index == bytes.count ? value : nil
    }

    private mutating func string() -> String? {
        guard expect(UInt8(ascii: "\"")) else { return nil }
        var output: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    output += Array(String(Character(scalar)).utf8)
                default: return nil
                }
            default:
                if byte < 0x20 { return nil }
                output.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate pair.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
            index += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else { return nil }
        index += 4
        return value
    }
}
