import Foundation
import Synchronization

extension PostgresCluster {
    private static let sharedCluster = Mutex<Result<PostgresCluster, Failure>?>(nil)
    private static let databaseCounter = Atomic<Int>(0)

    /// One cluster for the whole test process, started on first use and removed when the process exits:
    /// tests that only need a database of their own take one with ``makeDatabase()`` (a fraction of a
    /// second) instead of a cluster each (`initdb`, a few seconds).
    public static func shared() throws -> PostgresCluster {
        let result = sharedCluster.withLock { cached -> Result<PostgresCluster, Failure> in
            if let cached { return cached }
            let started: Result<PostgresCluster, Failure>
            do {
                started = .success(try start())
                atexit { PostgresCluster.stopShared() }
            } catch let failure as Failure {
                started = .failure(failure)
            } catch {
                started = .failure(Failure(description: "\(error)"))
            }
            cached = started
            return started
        }
        return try result.get()
    }

    private static func stopShared() {
        let cluster = sharedCluster.withLock { cached in try? cached?.get() }
        cluster?.stop()
    }

    /// A new, empty database on this cluster owned by ``user``; its URL (the password is in ``environment``).
    public func makeDatabase() throws -> String {
        let name = "t\(ProcessInfo.processInfo.processIdentifier)_\(Self.databaseCounter.wrappingAdd(1, ordering: .relaxed).oldValue)"
        try psql("CREATE DATABASE \(name)", database: "postgres")
        return "postgres://\(user)@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }
}
