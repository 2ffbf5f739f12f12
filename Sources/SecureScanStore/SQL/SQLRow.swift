/// One row of a result: its values by position, and the statement's column names shared by every row.
struct SQLRow: Sendable {
    let columns: SQLColumns
    let values: [SQLValue]

    /// The value at `index`, as `T`; a null or a mismatch stops the process (see ``SQLDecodable``).
    subscript<T: SQLDecodable>(_ index: Int) -> T {
        guard let value = T.decode(values[index]) else { columns.mismatch(index, values[index], T.self) }
        return value
    }

    /// The value at `index`, or nil for a null.
    subscript<T: SQLDecodable>(_ index: Int) -> T? {
        if case .null = values[index] { return nil }
        guard let value = T.decode(values[index]) else { columns.mismatch(index, values[index], T.self) }
        return value
    }

    subscript<T: SQLDecodable>(_ name: String) -> T { self[columns.index(of: name)] }

    subscript<T: SQLDecodable>(_ name: String) -> T? { self[columns.index(of: name)] }

    func isNull(_ index: Int) -> Bool { values[index] == .null }
}

/// A statement's column names (PostgreSQL's are lower case; the store's SQL names columns in lower case).
final class SQLColumns: Sendable {
    let names: [String]

    init(_ names: [String]) { self.names = names }

    func index(of name: String) -> Int {
        if let index = names.firstIndex(of: name) { return index }
        if let index = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return index }
        preconditionFailure("the result has no column \(name) (it has \(names.joined(separator: ", ")))")
    }

    func mismatch(_ index: Int, _ value: SQLValue, _ type: Any.Type) -> Never {
        let name = index < names.count ? names[index] : "#\(index)"
        preconditionFailure("column \(name) holds \(value), not a \(type)")
    }
}
