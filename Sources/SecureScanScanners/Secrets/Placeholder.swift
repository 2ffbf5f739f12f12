/// Recognizes values that are obviously not real secrets: variable references, template markers,
/// repeated characters, masks and documentation stand-ins.
///
/// Runs for every candidate the patterns produce, so it works on bytes and allocates once.
enum Placeholder {
    static func matches(_ secret: String) -> Bool {
        var bytes = Array(secret.utf8)
        while let first = bytes.first, isQuote(first) { bytes.removeFirst() }
        while let last = bytes.last, isQuote(last) { bytes.removeLast() }
        guard let first = bytes.first, let last = bytes.last else { return true }
        if isVariableReference(bytes, first: first, last: last) { return true }
        if bytes.count >= 4 && bytes.allSatisfy({ $0 == first }) { return true }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        if bytes.count <= longestLiteralWord, literalWords.contains(bytes) { return true }
        // Only the markers that start with the byte at each position are compared: checking all twenty at
        // every position was the largest cost of a 100,000-secret scan.
        for index in bytes.indices {
            for marker in markersByFirstByte[Int(bytes[index])] where index + marker.count <= bytes.count {
                if bytes[index..<(index + marker.count)].elementsEqual(marker) { return true }
            }
        }
        return false
    }

    private static let markersByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for marker in markers { table[Int(marker[0])].append(marker) }
        return table
    }()

    /// Values that are words, not secrets.
    private static let literalWords: Set<[UInt8]> = Set(["true", "false", "null", "none", "nil", "undefined"].map { Array($0.utf8) })
    private static let longestLiteralWord = literalWords.map(\.count).max() ?? 0

    /// Text that marks a documentation stand-in or a mask when it appears inside the value itself.
    static let markers: [[UInt8]] = [
        "xxxxx", "*****", "•••", "your_", "your-", "yourkey", "your key", "<your", "{your", "changeme", "change_me",
        "placeholder", "redacted", "example_", "insert_", "replace_me", "replaceme", "dummy", "notarealsecret", "fake_",
    ].map { Array($0.utf8) }

    private static func isQuote(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x27 || byte == 0x60 }

    /// `$VAR`, `${VAR}`, `$(cmd)`, `{{ var }}`, `%VAR%`, `<value>`, `@VAR@`, `{0}`.
    private static func isVariableReference(_ bytes: [UInt8], first: UInt8, last: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "$"):
            if bytes.count > 1, bytes[1] == UInt8(ascii: "{") || bytes[1] == UInt8(ascii: "(") { return true }
            // `$VAR`, `$request.header.x-api-key`
            return bytes.count > 1 && !isDigit(bytes[1])
                && bytes.dropFirst().allSatisfy { isIdentifier($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        case UInt8(ascii: "{"):
            // `{{ var }}`, `{0}`, and f-string / format fields such as `{current_token}`.
            guard last == UInt8(ascii: "}") else { return false }
            return (bytes.count > 1 && bytes[1] == UInt8(ascii: "{")) || bytes.count <= 4
                || bytes.dropFirst().dropLast().allSatisfy { isIdentifier($0) || $0 == UInt8(ascii: ".") }
        case UInt8(ascii: "%"), UInt8(ascii: "@"):
            return last == first && bytes.count > 2
        case UInt8(ascii: "<"):
            return last == UInt8(ascii: ">")
        default:
            return false
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }
}
