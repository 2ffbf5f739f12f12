import Dispatch
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The connections of one PostgreSQL store, used synchronously: the store's API is synchronous (as
/// GRDB's is), so a caller waits for its statements as it waits for SQLite's disk.
///
/// The connections live on an event loop group of their own, never the HTTP server's: a caller may wait
/// on any thread but that group's, and no store call is ever made from it.
final class PostgresPool: Sendable {
    /// One thread is plenty: it only moves bytes between the sockets and the waiting callers.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let configuration: PostgresConnection.Configuration
    private let idle = Mutex<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(1)

    init(configuration: PostgresConnection.Configuration, maximumConnections: Int) {
        self.configuration = configuration
        slots = DispatchSemaphore(value: maximumConnections)
    }

    /// Runs `body` with a connection of its own (an idle one, or a new one while fewer than the maximum
    /// are open; otherwise it waits for one). A connection that failed is closed, not kept.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        var reused = idle.withLock { $0.popLast() }
        while let connection = reused, connection.isClosed {
            reused = idle.withLock { $0.popLast() }
        }
        let connection = try reused ?? PostgresConnection.connect(
            on: Self.group.next(), configuration: configuration, id: nextID.wrappingAdd(1, ordering: .relaxed).oldValue,
            logger: PostgresDatabase.silent
        ).wait()
        do {
            let result = try body(connection)
            release(connection)
            return result
        } catch {
            // A connection that failed underneath (the server went away, terminated the session) is never
            // used again, even if it does not know yet that it is closed.
            if PostgresDatabase.isTransient(error) { _ = try? connection.close().wait() }
            release(connection)
            throw error
        }
    }

    /// Back to the idle list, unless it closed.
    private func release(_ connection: PostgresConnection) {
        if connection.isClosed { return }
        idle.withLock { $0.append(connection) }
    }

    /// The idle connections are closed when the last user of the store lets it go (postgres-nio wants
    /// every connection closed before it is released).
    deinit { close() }

    /// Closes the idle connections (the process is done with the store).
    func close() {
        let connections = idle.withLock { list in
            defer { list = [] }
            return list
        }
        for connection in connections { try? connection.close().wait() }
    }
}
