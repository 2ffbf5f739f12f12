/// Recognizes values that are obviously not real secrets: variable references, template markers,
/// repeated characters, masks and documentation stand-ins.
enum Placeholder {
    static func matches(_ secret: String) -> Bool {
        let value = secret.trimmingQuotes()
        guard !value.isEmpty else { return true }
        let lowered = value.lowercased()
        if ["true", "false", "null", "none", "nil", "undefined"].contains(lowered) { return true }
        if isRepeated(value) { return true }
        if isVariableReference(value) { return true }
        if lowered.contains("xxxxx") || lowered.contains("*****") || lowered.contains("•••") { return true }
        for marker in placeholderMarkers where lowered.contains(marker) { return true }
        return false
    }

    /// Words that mark a documentation stand-in when they appear inside the value itself.
    static let placeholderMarkers = [
        "your_", "your-", "yourkey", "your key", "<your", "{your", "changeme", "change_me", "placeholder",
        "redacted", "example_", "insert_", "replace_me", "replaceme", "dummy", "notarealsecret", "fake_",
    ]

    /// `aaaaaaaa`, `........`, `00000000`.
    private static func isRepeated(_ value: String) -> Bool {
        guard let first = value.first else { return false }
        return value.count >= 4 && value.allSatisfy { $0 == first }
    }

    /// `$VAR`, `${VAR}`, `$(cmd)`, `{{ var }}`, `%VAR%`, `<value>`, `@VAR@`, `%s`, `{0}`.
    private static func isVariableReference(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: "$") {
            if bytes.count > 1, bytes[1] == UInt8(ascii: "{") || bytes[1] == UInt8(ascii: "(") { return true }
            return bytes.dropFirst().allSatisfy { isIdentifier($0) }
        }
        if value.hasPrefix("{{") && value.hasSuffix("}}") { return true }
        if value.hasPrefix("${{") { return true }
        if first == UInt8(ascii: "%") && last == UInt8(ascii: "%") && bytes.count > 2 { return true }
        if first == UInt8(ascii: "<") && last == UInt8(ascii: ">") { return true }
        if first == UInt8(ascii: "@") && last == UInt8(ascii: "@") && bytes.count > 2 { return true }
        if first == UInt8(ascii: "{") && last == UInt8(ascii: "}") && bytes.count <= 4 { return true }
        return false
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }
}

extension String {
    fileprivate func trimmingQuotes() -> String {
        var value = self[...]
        while let first = value.first, "\"'`".contains(first) { value = value.dropFirst() }
        while let last = value.last, "\"'`".contains(last) { value = value.dropLast() }
        return String(value)
    }
}
