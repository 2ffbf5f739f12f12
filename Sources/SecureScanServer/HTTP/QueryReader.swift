import Hummingbird
import SecureScanCore

/// Reads query parameters with checks; a bad value is a 422 naming the parameter.
struct QueryReader {
    let parameters: [String: String]

    init(_ request: Request) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { values[String(key)] = String(value) }
        parameters = values
    }

    func string(_ name: String) -> String? {
        parameters[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    func required(_ name: String) throws -> String {
        guard let value = string(name) else { throw ServerError.invalid("query parameter '\(name)' is required") }
        return value
    }

    func integer(_ name: String, range: ClosedRange<Int>, default value: Int) throws -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ServerError.invalid("query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ServerError.invalid("query parameter '\(name)' must be true or false")
        }
    }

    /// A probability: a number from 0 to 1.
    func probability(_ name: String) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite, (0...1).contains(value) else {
            throw ServerError.invalid("query parameter '\(name)' must be a number from 0 to 1")
        }
        return value
    }

    /// A comma-separated list of values, each one of `allowed`.
    func list(_ name: String, allowed: [String]) throws -> [String]? {
        guard let text = string(name) else { return nil }
        let values = text.split(separator: ",").map { String($0).trimmingSpaces.lowercased() }.filter { !$0.isEmpty }
        for value in values where !allowed.contains(value) {
            throw ServerError.invalid("query parameter '\(name)': '\(value)' is not one of \(allowed.joined(separator: ", "))")
        }
        return values.isEmpty ? nil : values
    }

    /// Page size: `limit`, 1 to the maximum, default 50.
    func limit(maximum: Int = ServerLimits.maximumPageSize, default value: Int = ServerLimits.defaultPageSize) throws -> Int {
        try integer("limit", range: 1...maximum, default: value)
    }

    /// The `cursor` a previous page returned (an opaque position).
    func cursor() throws -> Int64? {
        guard let text = string("cursor") else { return nil }
        guard let position = PageCursor.decode(text) else { throw ServerError.invalid("query parameter 'cursor' is not a cursor this server returned") }
        return position
    }
}

/// Opaque page cursors: a position, base64url-encoded with a tag so other strings are rejected.
enum PageCursor {
    /// `p` and the position the next page starts after (`p1042`): what ``Endpoint/Parameter/cursor`` documents.
    static let pattern = "^p[0-9]{1,18}$"

    static func encode(_ position: Int64) -> String { "p\(position)" }

    /// A cursor this server wrote: `p1042`, or the base64url `p:1042` earlier versions wrote.
    static func decode(_ text: String) -> Int64? {
        if text.hasPrefix("p"), text.count <= 19, let value = Int64(text.dropFirst()), value >= 0, text.dropFirst().allSatisfy(\.isASCII) {
            return value
        }
        guard let bytes = Base64URL.decode(text) else { return nil }
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.hasPrefix("p:"), let value = Int64(decoded.dropFirst(2)), value >= 0 else { return nil }
        return value
    }
}
