import Testing
@testable import PostgresNIO
@testable import SecureScanStore

/// Which of postgres-nio's errors retry a transaction. The errors are the ones postgres-nio itself builds
/// when a session ends: the timing that produces each one against a real server is a matter of
/// microseconds (``PostgresConnectionLossTests`` meets whichever comes), so each is checked here directly.
@Suite struct PostgresTransientErrorTests {
    static func server(_ state: String, _ message: String) -> PSQLError {
        .server(.init(fields: [.severity: "FATAL", .sqlState: state, .message: message]))
    }

    static let terminated = server("57P01", "terminating connection due to administrator command")

    @Test func aSessionTheServerEndedIsRetriedHoweverItArrives() {
        // The server's message while a statement was running; the connection closing under one; a
        // statement sent after the message arrived while postgres-nio was still closing the connection.
        #expect(PostgresDatabase.isTransient(Self.terminated))
        #expect(PostgresDatabase.isTransient(PSQLError.serverClosedConnection(underlying: Self.terminated)))
        #expect(PostgresDatabase.isTransient(PSQLError.clientClosedConnection(underlying: Self.terminated)))
        #expect(PostgresDatabase.isTransient(PSQLError.clientClosedConnection(underlying: PSQLError.uncleanShutdown)))
    }

    @Test func aConnectionTheStoreClosedOrAStatementTheServerRefusedIsNotRetried() {
        #expect(!PostgresDatabase.isTransient(PSQLError.clientClosedConnection(underlying: nil)))
        #expect(!PostgresDatabase.isTransient(PSQLError.clientClosedConnection(underlying: Self.server("42P01", "relation does not exist"))))
        #expect(!PostgresDatabase.isTransient(Self.server("23505", "duplicate key value violates unique constraint")))
        #expect(!PostgresDatabase.isTransient(Self.server("28P01", "password authentication failed")))
    }

    @Test func aSerializationFailureOrADeadlockIsRetried() {
        #expect(PostgresDatabase.isTransient(Self.server("40001", "could not serialize access")))
        #expect(PostgresDatabase.isTransient(Self.server("40P01", "deadlock detected")))
        #expect(PostgresDatabase.isTransient(Self.server("08006", "connection failure")))
    }

    /// The message a user reads names the server's reason, not postgres-nio's wrapper.
    @Test func theServersReasonIsWhatTheMessageSays() {
        #expect(PostgresDatabase.describe(PSQLError.clientClosedConnection(underlying: Self.terminated))
                == "terminating connection due to administrator command (SQLSTATE 57P01)")
    }
}
