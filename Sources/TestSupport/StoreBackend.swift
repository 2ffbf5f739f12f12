import Foundation
import SecureScanStore
import Testing

/// The two store backends tests run against: a private SQLite database, and a database of its own on
/// the test process's PostgreSQL cluster (``PostgresCluster/shared()``).
package enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    package var testDescription: String { rawValue }

    /// A new, empty store. Close it when done (a PostgreSQL store keeps connections open).
    package func makeStore() throws -> Store {
        switch self {
        case .sqlite:
            return try Store.inMemory()
        case .postgres:
            return try Store.open(.postgres(try Self.newDatabase()))
        }
    }

    /// A new, empty database on the shared cluster, and where it is.
    package static func newDatabase() throws -> PostgresLocation {
        let cluster = try PostgresCluster.shared()
        return try PostgresLocation(url: try cluster.makeDatabase(), fromEnvironment: false,
                                    environment: ["PGPASSWORD": cluster.password, "HOME": "/nonexistent"])
    }
}
