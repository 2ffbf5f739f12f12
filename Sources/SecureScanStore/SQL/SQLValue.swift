/// A value read from a row, the same for both store backends (SQLite's storage classes; PostgreSQL's
/// integer, floating-point, text and bytea types map onto them, booleans as 0 and 1).
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A statement argument. A null keeps its type, which PostgreSQL needs to plan `? IS NULL OR column < ?`.
enum SQLArgument: Sendable, Hashable {
    /// A null whose type the statement decides (an insert's column).
    case null
    case integer(Int64?)
    case real(Double?)
    case text(String?)
    case blob([UInt8]?)
}

extension SQLArgument {
    /// A value read from one store, as an argument for the same column of another.
    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .integer(number)
        case .real(let number): self = .real(number)
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .blob(bytes)
        }
    }
}

/// A Swift value a statement can take as an argument.
protocol SQLBindable {
    var sqlArgument: SQLArgument { get }
    /// This type's null (an `Optional`'s nil).
    static var sqlNull: SQLArgument { get }
}

extension String: SQLBindable {
    var sqlArgument: SQLArgument { .text(self) }
    static var sqlNull: SQLArgument { .text(nil) }
}

extension Int64: SQLBindable {
    var sqlArgument: SQLArgument { .integer(self) }
    static var sqlNull: SQLArgument { .integer(nil) }
}

extension Int: SQLBindable {
    var sqlArgument: SQLArgument { .integer(Int64(self)) }
    static var sqlNull: SQLArgument { .integer(nil) }
}

extension Double: SQLBindable {
    var sqlArgument: SQLArgument { .real(self) }
    static var sqlNull: SQLArgument { .real(nil) }
}

/// Stored as 0 and 1 by both backends (the columns are integers).
extension Bool: SQLBindable {
    var sqlArgument: SQLArgument { .integer(self ? 1 : 0) }
    static var sqlNull: SQLArgument { .integer(nil) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlArgument: SQLArgument { self?.sqlArgument ?? Wrapped.sqlNull }
    static var sqlNull: SQLArgument { Wrapped.sqlNull }
}

/// A Swift value a column can be read as. A mismatch is a schema this version did not make (the
/// store refuses to open those), so it stops the process like a broken invariant, naming the column.
protocol SQLDecodable {
    static func decode(_ value: SQLValue) -> Self?
}

extension String: SQLDecodable {
    static func decode(_ value: SQLValue) -> String? {
        switch value {
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }
}

extension Int64: SQLDecodable {
    static func decode(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .real(let number): Int64(exactly: number.rounded(.towardZero))
        case .text(let text): Int64(text)
        default: nil
        }
    }
}

extension Int: SQLDecodable {
    static func decode(_ value: SQLValue) -> Int? { Int64.decode(value).map(Int.init) }
}

extension Double: SQLDecodable {
    static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let number): number
        case .integer(let number): Double(number)
        case .text(let text): Double(text)
        default: nil
        }
    }
}

extension Bool: SQLDecodable {
    static func decode(_ value: SQLValue) -> Bool? { Int64.decode(value).map { $0 != 0 } }
}

extension Array: SQLBindable where Element == UInt8 {
    var sqlArgument: SQLArgument { .blob(self) }
    static var sqlNull: SQLArgument { .blob(nil) }
}

extension Array: SQLDecodable where Element == UInt8 {
    static func decode(_ value: SQLValue) -> [UInt8]? {
        switch value {
        case .blob(let bytes): bytes
        case .text(let text): Array(text.utf8)
        default: nil
        }
    }
}
