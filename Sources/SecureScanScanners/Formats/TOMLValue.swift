/// A parsed TOML value. Dates and times are kept as their text.
enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case datetime(String)
    case array([TOMLValue])
    case table([String: TOMLValue])

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var table: [String: TOMLValue]? {
        if case .table(let value) = self { return value }
        return nil
    }

    var array: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var boolean: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    subscript(key: String) -> TOMLValue? { table?[key] }
}
