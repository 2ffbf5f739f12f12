import Foundation
import SecureScanCore

/// Lists and maps stored as JSON text in one column. The two shapes the store writes ([String] and
/// [String: String], keys sorted) are written by hand: a run saves hundreds of thousands of them, and a
/// JSONEncoder per value dominated saving large runs.
enum JSONColumn {
    static func encode(_ values: [String]) -> String {
        var text = "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            append(value, to: &text)
        }
        return text + "]"
    }

    static func encode(_ values: [String: String]) -> String {
        var text = "{"
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            append(key, to: &text)
            text += ":"
            append(values[key]!, to: &text)
        }
        return text + "}"
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, default value: T) -> T {
        (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? value
    }

    /// `value` as a JSON string literal (the core's one escaping).
    private static func append(_ value: String, to text: inout String) {
        JSONValue.quote(value, into: &text)
    }
}
