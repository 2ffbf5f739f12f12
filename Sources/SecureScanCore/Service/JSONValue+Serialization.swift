extension JSONValue {
    /// Compact JSON with sorted keys: the same value always gives the same bytes (webhook bodies are
    /// signed over exactly these). Non-finite numbers become `null`.
    public var compactJSON: String { String(decoding: compactJSONBytes, as: UTF8.self) }

    /// The same, as UTF-8 bytes (what responses send).
    public var compactJSONBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null: output += [0x6E, 0x75, 0x6C, 0x6C]
        case .bool(let value): output += value ? Array("true".utf8) : Array("false".utf8)
        case .int(let value): output += String(value).utf8
        case .double(let value):
            if !value.isFinite {
                output += [0x6E, 0x75, 0x6C, 0x6C]
            } else if value == value.rounded(), abs(value) < 1e15 {
                output += String(Int(value)).utf8
            } else {
                output += String(value).utf8
            }
        case .string(let value): JSONValue.quote(value, into: &output)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.quote(key, into: &output)
                output.append(UInt8(ascii: ":"))
                members[key]!.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `value` as a JSON string literal (RFC 8259 escaping; `/` and non-ASCII as themselves, except
    /// U+2028 and U+2029, which JavaScript treats as line ends).
    public static func quote(_ value: String, into output: inout String) {
        var bytes: [UInt8] = []
        quote(value, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// The same, appended as UTF-8; runs of characters that need no escape are copied at once.
    public static func quote(_ value: String, into output: inout [UInt8]) {
        var value = value
        output.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var start = 0
            var index = 0
            func flush() {
                if index > start { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
            }
            while index < utf8.count {
                let byte = utf8[index]
                // Nearly every byte needs nothing: test for the four that might, before anything else.
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0xE2 {
                    index += 1
                    continue
                }
                var escape: [UInt8]?
                var width = 1
                switch byte {
                case UInt8(ascii: "\""): escape = [0x5C, 0x22]
                case UInt8(ascii: "\\"): escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
                case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
                case 0x09: escape = [0x5C, UInt8(ascii: "t")]
                case 0..<0x20: escape = Array(("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)).utf8)
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = Array((utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    width = 3
                default: break
                }
                if let escape {
                    flush()
                    output += escape
                    index += width
                    start = index
                } else {
                    index += 1
                }
            }
            flush()
        }
        output.append(UInt8(ascii: "\""))
    }
}
