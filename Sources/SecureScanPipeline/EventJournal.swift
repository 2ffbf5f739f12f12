import Foundation
import SecureScanCore
import SecureScanStore
import Synchronization

/// Collects a run's events. A live journal (an API scan, which clients watch over SSE) writes each event
/// as it happens; otherwise events are kept and stored with the run, in its transaction.
final class EventJournal: Sendable {
    let scanID: String
    let store: Store
    let live: Bool
    let now: @Sendable () -> Date
    private let buffered = Mutex<[ScanEvent]>([])

    init(scanID: String, store: Store, live: Bool, now: @escaping @Sendable () -> Date) {
        self.scanID = scanID
        self.store = store
        self.live = live
        self.now = now
    }

    func record(_ event: ScanEvent) {
        if live {
            // A stream that misses an event still ends with the terminal one, stored with the run.
            _ = try? store.appendEvent(event, scanID: scanID)
        } else {
            buffered.withLock { $0.append(event) }
        }
    }

    /// The events not yet stored.
    func drain() -> [ScanEvent] {
        buffered.withLock { events in
            defer { events = [] }
            return events
        }
    }
}
