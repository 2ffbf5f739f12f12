import Foundation
import Testing
import TestSupport
@testable import SecureScanStore

/// The two store backends the store's tests run against: a private SQLite database, and a database of
/// its own on the test process's PostgreSQL cluster.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty store. Close it when done (a PostgreSQL store keeps connections open).
    func makeStore() throws -> Store {
        switch self {
        case .sqlite:
            return try Store.inMemory()
        case .postgres:
            return try Store.open(.postgres(try Self.newDatabase()))
        }
    }

    /// A new, empty database on the shared cluster, and where it is.
    static func newDatabase() throws -> PostgresLocation {
        let cluster = try PostgresCluster.shared()
        return try PostgresLocation(url: try cluster.makeDatabase(), fromEnvironment: false,
                                    environment: ["PGPASSWORD": cluster.password, "HOME": "/nonexistent"])
    }
}
