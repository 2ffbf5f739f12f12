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

    /// Newline-delimited JSON (yarn): one value per non-blank line. A line that is not JSON or breaks the
    /// format is skipped (`line 17: …` in `skipped`); a file of which no line could be read is an error.
    static func lines<T: Decodable>(_ type: T.Type, _ data: [UInt8], skipped: inout [String], context: ReportContext) throws(ScannersError) -> [T] {
        var values: [T] = []
        var broken: [String] = []
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            do {
                values.append(try JSONDecoder().decode(T.self, from: Data(line)))
            } catch let error as DecodingError {
                if case .dataCorrupted(let detail) = error, detail.codingPath.isEmpty {
                    broken.append("line \(number): not JSON")
                } else {
                    broken.append("line \(number): \(skip(error))")
                }
            } catch {
                broken.append("line \(number): not JSON")
            }
        }
        try requireSome(read: values.count, skipped: broken, context: context)
        skipped += broken
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

/// One entry of a report's list, read on its own: an entry that breaks the format becomes the reason it
/// was skipped, and the rest of the list is still read (real tools write reports that bend their schemas).
enum Lenient<Value: Decodable>: Decodable {
    case valid(Value)
    case skipped(String)

    init(from decoder: any Decoder) throws {
        do {
            self = .valid(try Value(from: decoder))
        } catch let error as DecodingError {
            self = .skipped(ReportJSON.skip(error))
        }
    }

    var value: Value? {
        if case .valid(let value) = self { return value }
        return nil
    }
}

extension ReportJSON {
    /// The valid entries of a lenient list; each skipped one is added to `skipped`.
    static func entries<Value>(_ list: [Lenient<Value>]?, skipped: inout [String]) -> [Value] {
        guard let list else { return [] }
        var values: [Value] = []
        for entry in list {
            switch entry {
            case .valid(let value): values.append(value)
            case .skipped(let reason): skipped.append(reason)
            }
        }
        return values
    }

    /// A report of which nothing could be read (every entry broken) is an error, not an empty report.
    static func requireSome(read: Int, skipped: [String], context: ReportContext) throws(ScannersError) {
        if read == 0, let first = skipped.first {
            throw context.invalid("none of its \(skipped.count) entries could be read; the first: \(first)")
        }
    }

    /// `<JSON pointer>: <what is wrong>`, for a decoding error inside a report.
    static func skip(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(pointer(context.codingPath + [key])): is missing, and the format requires it"
        case .typeMismatch(let type, let context):
            return "\(pointer(context.codingPath)): must be \(LockfileJSON.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(pointer(context.codingPath)): must be \(LockfileJSON.typeName(type)), not null"
        case .dataCorrupted(let context):
            return "\(pointer(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// RFC 6901: `/runs/0/results/17/message`, with `~` and `/` in keys escaped.
    static func pointer(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "/" }
        return path.map { key in
            "/" + (key.intValue.map(String.init) ?? key.stringValue.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))
        }.joined()
    }
}
