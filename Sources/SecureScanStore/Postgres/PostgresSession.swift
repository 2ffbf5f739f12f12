import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A connection of the PostgreSQL store inside one transaction (``SQLConnection``).
struct PostgresSession: SQLConnection {
    let connection: PostgresConnection

    var dialect: SQLDialect { .postgres }

    /// PostgreSQL takes at most 65,535 parameters a statement.
    static let parameterLimit = 65_535

    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try run(sql, arguments.map(\.sqlArgument)).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        let result = try run(sql, arguments.map(\.sqlArgument))
        guard let first = result.rows.first else { return [] }
        let columns = SQLColumns(first.map(\.columnName))
        return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLArgument]], conflict: SQLConflict) throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, min(1_000, Self.parameterLimit / columns.count))
        let row = "(\(SQLPlaceholders.list(columns.count)))"
        let suffix = conflict == .ignore ? " ON CONFLICT DO NOTHING" : ""
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: row, count: chunk.count).joined(separator: ", ") + suffix
            _ = try run(sql, chunk.flatMap { $0 })
        }
    }

    /// One statement, its placeholders numbered and its arguments bound with their types.
    func run(_ sql: String, _ arguments: [SQLArgument]) throws -> PostgresQueryResult {
        let numbered = SQLPlaceholders.numbered(sql)
        precondition(numbered.count == arguments.count, "\(numbered.count) placeholders, \(arguments.count) arguments: \(sql)")
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let number?): bindings.append(number)
            case .integer(nil): bindings.append(PostgresData(type: .int8, value: nil))
            case .real(let number?): bindings.append(number)
            case .real(nil): bindings.append(PostgresData(type: .float8, value: nil))
            case .text(let text?): bindings.append(text)
            case .text(nil): bindings.append(PostgresData(type: .text, value: nil))
            case .blob(let bytes?): bindings.append(ByteBuffer(bytes: bytes))
            case .blob(nil): bindings.append(PostgresData(type: .bytea, value: nil))
            }
        }
        guard !connection.isClosed else { throw ConnectionClosed() }
        // postgres-nio hands a statement to its channel without watching the write: on a connection the
        // server has just closed (a terminated session, a restart) the statement is dropped and its
        // result never comes. Whichever comes first, the result or the channel closing, ends the wait.
        let outcome = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        connection.query(PostgresQuery(unsafeSQL: numbered.sql, binds: bindings), logger: PostgresDatabase.silent).cascade(to: outcome)
        connection.closeFuture.whenComplete { _ in outcome.fail(ConnectionClosed()) }
        return try outcome.futureResult.wait()
    }

    /// The connection closed before the statement's result came.
    struct ConnectionClosed: Error, CustomStringConvertible {
        var description: String { "the server closed the connection" }
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        case .numeric:
            let number = try cell.decode(Decimal.self)
            if let integer = Int64(exactly: NSDecimalNumber(decimal: number).doubleValue), Decimal(integer) == number { return .integer(integer) }
            return .real(NSDecimalNumber(decimal: number).doubleValue)
        default: return .text(try cell.decode(String.self))
        }
    }
}
