import Foundation
import GRDB

/// A connection of the SQLite store: GRDB's `Database` inside a read or write transaction.
struct SQLiteConnection: SQLConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLArgument]], conflict: SQLConflict) throws {
        let verb = conflict == .ignore ? "INSERT OR IGNORE" : "INSERT"
        let statement = try db.cachedStatement(sql: """
            \(verb) INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(SQLPlaceholders.list(columns.count)))
            """)
        for row in rows {
            var bound = BoundStatement(statement)
            for argument in row { bound.bind(argument) }
            try bound.run(in: db)
        }
    }

    static func arguments(_ arguments: [any SQLBindable]) -> StatementArguments {
        StatementArguments(arguments.map { argument -> DatabaseValue in
            switch argument.sqlArgument {
            case .null: .null
            case .integer(let number): number.databaseValue
            case .real(let number): number.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let bytes): bytes.map { Data($0).databaseValue } ?? .null
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(Array(data))
        }
    }
}
