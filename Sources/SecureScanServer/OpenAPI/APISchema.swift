import Foundation
import SecureScanCore

/// A JSON Schema (OpenAPI 3.1 dialect) for a request or response body, built in code next to the routes
/// so the document describes what the handlers do.
indirect enum APISchema: Sendable {
    case reference(String)
    case string(format: String? = nil, values: [String]? = nil, pattern: String? = nil, length: ClosedRange<Int>? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number(minimum: Double? = nil, maximum: Double? = nil)
    case boolean
    case array(APISchema, minimum: Int? = nil, maximum: Int? = nil)
    /// Members, the required ones, and whether other members may appear.
    case object([String: APISchema], required: [String], open: Bool = false)
    /// An object whose members all have the schema (a map).
    case map(APISchema)
    case nullable(APISchema)
    case any
    /// A schema with a description.
    case described(APISchema, String)
    /// A schema with an example value (JSON Schema `examples`), which the docs page offers and contract tests try.
    case example(APISchema, JSONValue)

    static var text: APISchema { .string() }
    static var timestamp: APISchema { .string(format: "date-time") }
    static func values(_ values: [String]) -> APISchema { .string(values: values) }
    static func ref(_ name: String) -> APISchema { .reference(name) }
    static func list(_ item: APISchema) -> APISchema { .array(item) }

    /// A comma-separated list of `values` (`critical,high`), as the query filters take.
    static func commaList(_ values: [String]) -> APISchema {
        let one = "(" + values.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|") + ")"
        return .string(pattern: "^\(one)(,\(one))*$", length: 1...values.joined(separator: ",").count)
    }

    /// An object whose members are all required.
    static func record(_ members: [String: APISchema]) -> APISchema { .object(members, required: members.keys.sorted()) }

    var json: JSONValue {
        switch self {
        case .reference(let name):
            return ["$ref": .string("#/components/schemas/\(name)")]
        case .string(let format, let values, let pattern, let length):
            var value: [String: JSONValue] = ["type": "string"]
            if let format { value["format"] = .string(format) }
            if let values { value["enum"] = .strings(values) }
            if let pattern { value["pattern"] = .string(pattern) }
            if let length {
                value["minLength"] = .int(length.lowerBound)
                value["maxLength"] = .int(length.upperBound)
            }
            return .object(value)
        case .integer(let minimum, let maximum):
            var value: [String: JSONValue] = ["type": "integer"]
            if let minimum { value["minimum"] = .int(minimum) }
            if let maximum { value["maximum"] = .int(maximum) }
            return .object(value)
        case .number(let minimum, let maximum):
            var value: [String: JSONValue] = ["type": "number"]
            if let minimum { value["minimum"] = .double(minimum) }
            if let maximum { value["maximum"] = .double(maximum) }
            return .object(value)
        case .boolean:
            return ["type": "boolean"]
        case .array(let item, let minimum, let maximum):
            var value: [String: JSONValue] = ["type": "array", "items": item.json]
            if let minimum { value["minItems"] = .int(minimum) }
            if let maximum { value["maxItems"] = .int(maximum) }
            return .object(value)
        case .object(let members, let required, let open):
            var value: [String: JSONValue] = [
                "type": "object", "properties": .object(members.mapValues(\.json)), "additionalProperties": .bool(open),
            ]
            if !required.isEmpty { value["required"] = .strings(required.sorted()) }
            return .object(value)
        case .map(let item):
            return ["type": "object", "additionalProperties": item.json]
        case .nullable(let inner):
            if case .object(var value) = inner.json, case .string(let type)? = value["type"], value["$ref"] == nil {
                value["type"] = [.string(type), "null"]
                if case .array(let values)? = value["enum"] { value["enum"] = .array(values + [.null]) }
                return .object(value)
            }
            return ["anyOf": [inner.json, ["type": "null"]]]
        case .any:
            return [:]
        case .example(let inner, let example):
            guard case .object(var value) = inner.json else { return inner.json }
            if value["$ref"] != nil { return ["allOf": [.object(value)], "examples": [example]] }
            value["examples"] = [example]
            return .object(value)
        case .described(let inner, let text):
            guard case .object(var value) = inner.json else { return inner.json }
            if value["$ref"] != nil { return ["allOf": [.object(value)], "description": .string(text)] }
            value["description"] = .string(text)
            return .object(value)
        }
    }
}
