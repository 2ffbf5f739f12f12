import Foundation
import SecureScanCore

/// JSON reports decoded into `Decodable` mirrors of the fields we read, with errors that name the field.
enum ReportJSON {
    static func decode<T: Decodable>(_ type: T.Type, _ data: [UInt8], context: ReportContext) throws(ScannersError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(data))
        } catch let error as DecodingError {
            throw context.invalid(LockfileJSON.describe(error))
        } catch {
            throw context.invalid("invalid JSON: \(error.localizedDescription)")
        }
    }

    /// Newline-delimited JSON (yarn, trufflehog v3): one value per non-blank line; errors name the line.
    static func lines<T: Decodable>(_ type: T.Type, _ data: [UInt8], context: ReportContext) throws(ScannersError) -> [T] {
        var values: [T] = []
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            do {
                values.append(try JSONDecoder().decode(T.self, from: Data(line)))
            } catch let error as DecodingError {
                throw context.invalid("line \(number): \(LockfileJSON.describe(error))")
            } catch {
                throw context.invalid("line \(number): invalid JSON")
            }
        }
        return values
    }

    /// Whether the bytes are nothing but whitespace (an empty report some tools write when they find nothing).
    static func isBlank(_ data: [UInt8]) -> Bool { !data.contains { $0 > 0x20 } }

    /// The first non-blank byte: `[` or `{` tells report generations apart.
    static func firstByte(_ data: [UInt8]) -> UInt8? { data.first { $0 > 0x20 } }
}

/// A field tools write either as one value or as a list of them.
struct OneOrMany<Element: Decodable & Sendable>: Decodable, Sendable {
    var values: [Element]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            values = []
        } else if let many = try? container.decode([Element].self) {
            values = many
        } else {
            values = [try container.decode(Element.self)]
        }
    }
}

/// A field tools write as a string or as a number (line numbers, ids); kept as text.
struct LooseText: Decodable, Sendable, Hashable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int.self) {
            text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            text = String(flag)
        } else if container.decodeNil() {
            text = ""
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a string or a number"))
        }
    }

    var int: Int? { Int(text) ?? Double(text).map { Int($0) } }
}

/// Any JSON value, skipped: lets a mirror accept a field whose shape varies without reading it.
struct IgnoredValue: Decodable, Sendable {
    init(from decoder: any Decoder) throws {}
}
