import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SecureScanCore
import SecureScanScanners
import SecureScanStore

/// `GET /scans/{id}/events`: the scan's stored events as server-sent events, then new ones as they are
/// stored, until its terminal event. Every frame has an `id:` (the event's sequence), so a client that
/// reconnects with `Last-Event-ID` resumes where it left off. Events come from the database, so a
/// read-only server streams the scans another process runs, and a restart loses nothing.
struct EventStream: Sendable {
    static let pollInterval: Duration = .milliseconds(200)
    static let keepAliveInterval: Duration = .seconds(15)
    /// A stream ends after this long; clients reconnect with `Last-Event-ID`.
    static let maximumDuration: Duration = .seconds(3600)
    static let lastEventIDHeader = HTTPField.Name("Last-Event-ID")!

    let store: Store
    let scanID: String
    /// Events after this sequence are sent.
    let after: Int

    /// The sequence a request resumes after: `Last-Event-ID`, else `?last_event_id=`, else 0.
    static func resumePoint(_ request: Request) throws -> Int {
        guard let text = request.headers[lastEventIDHeader] ?? QueryReader(request).string("last_event_id") else { return 0 }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
            throw ServerError.invalid("Last-Event-ID must be the id of an event this stream sent (a non-negative integer)")
        }
        return value
    }

    static func frame(_ event: StoredScanEvent) -> String {
        var data = event.event.data
        data["at"] = .string(event.event.at)
        return "id: \(event.sequence)\nevent: \(event.event.name.rawValue)\ndata: \(JSONValue.object(data).compactJSON)\n\n"
    }

    /// Until the next read of the table: on a store that announces its events, until one of this scan's is
    /// announced (up to ``signalledPollInterval``, in case an announcement was lost); else ``pollInterval``.
    static func wait(store: Store, scanID: String) async throws {
        guard let start = await ScanExecutor.run({ store.eventSignal(scanID: scanID) }) else {
            try await Task.sleep(for: pollInterval)
            return
        }
        let clock = ContinuousClock()
        let deadline = clock.now + signalledPollInterval
        // Counters only: a lost listening connection ends the wait (the table is read) rather than
        // reconnecting on the cooperative pool.
        while clock.now < deadline, store.eventSignal(scanID: scanID, connect: false) == start {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// How often a stream reads the table when events are announced.
    static let signalledPollInterval: Duration = .seconds(2)

    var response: Response {
        let store = self.store, scanID = self.scanID, after = self.after
        let body = ResponseBody { writer in
            let clock = ContinuousClock()
            let started = clock.now
            var lastSent = clock.now
            var last = after
            try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
            while clock.now - started < Self.maximumDuration {
                let after = last
                // Off the cooperative pool: a shared store's read waits on the network.
                let events = await ScanExecutor.run { (try? store.events(scanID: scanID, after: after, limit: 200)) ?? [] }
                for event in events {
                    try await writer.write(ByteBuffer(string: Self.frame(event)))
                    last = event.sequence
                    lastSent = clock.now
                    if event.event.name.isTerminal {
                        try await writer.finish(nil)
                        return
                    }
                }
                if events.isEmpty {
                    // Finished without a stored terminal event (a run stored before events existed, or deleted).
                    guard let scan = await ScanExecutor.run({ try? store.scan(id: scanID) }) else { break }
                    let none = await ScanExecutor.run { (try? store.events(scanID: scanID, after: after, limit: 1))?.isEmpty ?? true }
                    if scan.status.isTerminal, none {
                        let name = scan.status.terminalEvent ?? .scanComplete
                        let synthetic = StoredScanEvent(scanID: scanID, sequence: last + 1, event: ScanEvent(
                            name, ["status": .string(scan.status.rawValue)], at: scan.completedAt ?? ServerTime.timestamp(Date())))
                        try await writer.write(ByteBuffer(string: Self.frame(synthetic)))
                        break
                    }
                    if clock.now - lastSent >= Self.keepAliveInterval {
                        try await writer.write(ByteBuffer(string: ": keepalive\n\n"))
                        lastSent = clock.now
                    }
                    try await Self.wait(store: store, scanID: scanID)
                }
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: body)
    }
}
