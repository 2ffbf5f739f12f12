/// Which SQL a connection speaks, for the few statements the two backends write differently.
enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// A connection inside one transaction of either backend. Statements use `?` placeholders (rewritten
/// to `$1`, `$2`… for PostgreSQL) and the subset of SQL both backends run alike.
protocol SQLConnection {
    var dialect: SQLDialect { get }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int

    /// Every row of a query's result.
    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow]

    /// Inserts many rows of the same columns, as few statements as the backend's parameter limit allows.
    func insertMany(into table: String, columns: [String], rows: [[SQLArgument]], conflict: SQLConflict) throws
}

/// What a bulk insert does with a row whose key is already there.
enum SQLConflict: Sendable {
    case fail
    case ignore
}

extension SQLConnection {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }

    /// The first row, if any.
    func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLRow? { try rows(sql, arguments).first }

    /// The first column of the first row, nil when there is no row or it holds null.
    func value<T: SQLDecodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        return row[0] as T?
    }

    /// The first column of every row (nulls skipped).
    func values<T: SQLDecodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> [T] {
        try rows(sql, arguments).compactMap { $0[0] as T? }
    }
}
