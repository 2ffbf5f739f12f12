import Foundation
import Hummingbird
import NIOCore
import SecureScanCore

/// Reads a JSON request body strictly: it must be one object, every member must be known, and each
/// member is checked for type and range. Errors are 422s that name the member (413 for an oversized
/// body, 415 for a body that is not JSON).
struct BodyReader {
    let members: [String: JSONValue]

    /// Reads `request`'s body; an empty body is read as `{}` when `allowEmpty`.
    static func read(_ request: Request, context: APIContext, known: Set<String>, allowEmpty: Bool = false) async throws -> BodyReader {
        if let type = request.headers[.contentType]?.lowercased(), !type.hasPrefix("application/json"), !type.hasSuffix("+json") {
            throw ServerError(.unsupportedMediaType, "request body must be JSON, sent with Content-Type: application/json (not \(type))")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await BodyDeadline.collect(request, upTo: context.maxUploadSize)
        } catch is BodyDeadline.TooLarge {
            throw ServerError(.contentTooLarge, "request body is larger than \(context.maxUploadSize) bytes")
        }
        if buffer.readableBytes == 0 {
            guard allowEmpty else { throw ServerError.invalid("request body is required (a JSON object)") }
            return BodyReader(members: [:])
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw ServerError.invalid("request body is not valid JSON: \(BodyReader.describe(error))")
        }
        guard case .object(let members) = value else { throw ServerError.invalid("request body must be a JSON object") }
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw ServerError.invalid("unknown field '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
        return BodyReader(members: members)
    }

    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        }
        return "\(error)"
    }

    func has(_ key: String) -> Bool { members[key] != nil }

    /// A string member: required ones must be present; `null` reads as absent when `nullable`.
    func string(_ key: String, required: Bool = false, nullable: Bool = true, length: ClosedRange<Int> = 0...10_000) throws -> String? {
        switch members[key] {
        case nil:
            if required { throw ServerError.invalid("field '\(key)' is required") }
            return nil
        case .null?:
            if required || !nullable { throw ServerError.invalid("field '\(key)' must be a string, not null") }
            return nil
        case .string(let value)?:
            guard length.contains(value.count) else {
                throw ServerError.invalid("field '\(key)' must have \(length.lowerBound) to \(length.upperBound) characters (has \(value.count))")
            }
            if value.contains("\0") { throw ServerError.invalid("field '\(key)' must not contain NUL characters") }
            return value
        default:
            throw ServerError.invalid("field '\(key)' must be a string")
        }
    }

    func bool(_ key: String) throws -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw ServerError.invalid("field '\(key)' must be true or false")
        }
    }

    func integer(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        switch members[key] {
        case nil, .null?: return nil
        case .int(let value)?:
            guard range.contains(value) else { throw ServerError.invalid("field '\(key)' must be between \(range.lowerBound) and \(range.upperBound)") }
            return value
        default: throw ServerError.invalid("field '\(key)' must be an integer")
        }
    }

    /// A list of strings, each one of `allowed` when given.
    func strings(_ key: String, allowed: [String]? = nil, minimum: Int = 0, maximum: Int = 100) throws -> [String]? {
        switch members[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            var values: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let value) = item else { throw ServerError.invalid("field '\(key)[\(index)]' must be a string") }
                if let allowed, !allowed.contains(value) {
                    throw ServerError.invalid("field '\(key)[\(index)]': '\(value)' is not one of \(allowed.joined(separator: ", "))")
                }
                values.append(value)
            }
            guard (minimum...maximum).contains(values.count) else {
                throw ServerError.invalid("field '\(key)' must list \(minimum) to \(maximum) values (has \(values.count))")
            }
            return values
        default:
            throw ServerError.invalid("field '\(key)' must be a list of strings")
        }
    }
}
