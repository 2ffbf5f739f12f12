import Foundation
import SecureScanCore

/// Lists and maps stored as JSON text in one column. The two shapes the store writes ([String] and
/// [String: String], keys sorted) are written by hand: a run saves hundreds of thousands of them, and a
/// JSONEncoder per value dominated saving large runs.
enum JSONColumn {
    static func encode(_ values: [String]) -> String {
        if values.isEmpty { return "[]" }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.quote(value, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func encode(_ values: [String: String]) -> String {
        if values.isEmpty { return "{}" }
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.quote(key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONValue.quote(values[key]!, into: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode(_ type: [String].Type, _ text: String, default value: [String]) -> [String] {
        JSONColumnReader.strings(text) ?? (try? JSONDecoder().decode(type, from: Data(text.utf8))) ?? value
    }

    static func decode(_ type: [String: String].Type, _ text: String, default value: [String: String]) -> [String: String] {
        JSONColumnReader.stringMap(text) ?? (try? JSONDecoder().decode(type, from: Data(text.utf8))) ?? value
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, default value: T) -> T {
        (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? value
    }
}
