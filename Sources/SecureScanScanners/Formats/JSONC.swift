/// JSON with comments and trailing commas (bun.lock, tsconfig-style files) turned into plain JSON.
/// Comments become spaces and newlines stay, so positions in error messages still point at the right line.
enum JSONC {
    static func plainJSON(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var inString = false
        /// Index in `out` of a comma that may turn out to be trailing.
        var pendingComma: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                out.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    out.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte == UInt8(ascii: "/"), next == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
                    out.append(UInt8(ascii: " "))
                    index += 1
                }
                continue
            }
            if byte == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                out += [UInt8(ascii: " "), UInt8(ascii: " ")]
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/")) {
                    out.append(bytes[index] == UInt8(ascii: "\n") ? bytes[index] : UInt8(ascii: " "))
                    index += 1
                }
                if index < bytes.count { out += [UInt8(ascii: " "), UInt8(ascii: " ")] }
                index += 2
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                pendingComma = nil
            case UInt8(ascii: ","):
                pendingComma = out.count
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let comma = pendingComma { out[comma] = UInt8(ascii: " ") }
                pendingComma = nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                break
            default:
                pendingComma = nil
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
