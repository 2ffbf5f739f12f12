/// A file name's bytes as text a person can read and every artifact can hold.
///
/// Unix file names are bytes: they may be invalid UTF-8 or hold a newline. Such a file is still scanned
/// (a secret in it is still a secret); its name is shown percent-encoded where it must be (each invalid
/// byte, each control character and, in such a name, each `%` as `%XX`, as a URI would write it; a
/// backslash escape would read as a Windows separator) and its bytes are kept to open it.
enum FileNameText {
    /// The shown text, and whether it is the name's exact bytes.
    static func display(_ bytes: [UInt8]) -> (text: String, exact: Bool) {
        if !bytes.contains(where: isControl), let text = String(validating: bytes, as: UTF8.self) {
            return (text, true)
        }
        var text = ""
        var index = 0
        while index < bytes.count {
            var iterator = bytes[index...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if encoded.count == 1, isControl(UInt8(scalar.value)) || scalar == "%" {
                    text += percent(UInt8(scalar.value))
                } else {
                    text.unicodeScalars.append(scalar)
                }
                index += encoded.count
            case .error(let length):
                let end = min(bytes.count, index + max(length, 1))
                for byte in bytes[index..<end] { text += percent(byte) }
                index = end
            case .emptyInput:
                index = bytes.count
            }
        }
        return (text, false)
    }

    private static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

    private static func percent(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
