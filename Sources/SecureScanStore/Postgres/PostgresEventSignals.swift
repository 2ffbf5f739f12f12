import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// `LISTEN securescan_events` on a connection of its own: every stored scan event is announced
/// (`pg_notify` with the scan's id, sent when its transaction commits), and a counter per watched scan
/// tells an event stream, without a query, that there is something new to read. When the connection is
/// lost the counters stop moving and streams fall back to reading the table at their slower pace; the
/// next watcher opens a new connection.
final class PostgresEventSignals: Sendable {
    static let channel = "securescan_events"

    private let configuration: PostgresConnection.Configuration
    private let counters = Mutex<[String: Int]>([:])
    private let connection = Mutex<PostgresConnection?>(nil)

    init(configuration: PostgresConnection.Configuration) {
        self.configuration = configuration
    }

    /// How many events were announced for `scanID` since it was first watched here; nil while no
    /// listening connection can be had (the caller reads the table instead). `connect`: open the listening
    /// connection when there is none (a blocking call); without it, only the counters are read.
    func count(scanID: String, connect: Bool = true) -> Int? {
        if connect {
            guard listening() else { return nil }
        } else if connection.withLock({ $0?.isClosed ?? true }) {
            return nil
        }
        return counters.withLock { counters in
            if let count = counters[scanID] { return count }
            counters[scanID] = 0
            return 0
        }
    }

    /// Opens the listening connection if there is none (or it closed); false when that fails.
    private func listening() -> Bool {
        if let open = connection.withLock({ $0 }), !open.isClosed { return true }
        do {
            let opened = try PostgresConnection.connect(
                on: PostgresPool.group.next(), configuration: configuration, id: 0, logger: PostgresDatabase.silent).wait()
            opened.addListener(channel: Self.channel) { [weak self] _, notification in
                self?.counters.withLock { counters in
                    if let count = counters[notification.payload] { counters[notification.payload] = count + 1 }
                }
            }
            _ = try opened.query(PostgresQuery(unsafeSQL: "LISTEN \(Self.channel)"), logger: PostgresDatabase.silent).wait()
            let previous = connection.withLock { current in
                defer { current = opened }
                return current
            }
            _ = try? previous?.close().wait()
            return true
        } catch {
            return false
        }
    }

    func close() {
        let open = connection.withLock { current in
            defer { current = nil }
            return current
        }
        _ = try? open?.close().wait()
    }

    deinit { close() }
}
