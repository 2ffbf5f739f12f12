import SecureScanCore
import Synchronization

/// Serialized JSON of things that never change once written: a completed scan, and the findings of a
/// stored run (a run's findings are immutable; only triage state, which is spliced in per request, is
/// not). Bounded by bytes; the oldest entries go first. Entries need no invalidation: a deleted scan is
/// never looked up, because every request finds the scan in the database first.
final class ResponseCache<Value: Sendable>: Sendable {
    private struct State {
        var entries: [String: (value: Value, bytes: Int)] = [:]
        var order: [String] = []
        var bytes = 0
    }

    let budget: Int
    private let state = Mutex(State())

    init(budget: Int) { self.budget = budget }

    func value(_ key: String) -> Value? {
        state.withLock { $0.entries[key]?.value }
    }

    /// The values of `keys` found, under one acquisition of the lock: a page of scans looks up 100 keys,
    /// and with a request per thread (a shared store's handlers) one lock a key made them queue on it.
    func values(_ keys: some Sequence<String>) -> [String: Value] {
        state.withLock { state in
            var found: [String: Value] = [:]
            for key in keys { if let entry = state.entries[key] { found[key] = entry.value } }
            return found
        }
    }

    func store(_ value: Value, bytes: Int, for key: String) {
        guard bytes <= budget / 4 else { return }
        state.withLock { state in
            if let old = state.entries[key] {
                state.bytes -= old.bytes
                state.order.removeAll { $0 == key }
            }
            state.entries[key] = (value, bytes)
            state.order.append(key)
            state.bytes += bytes
            var dropped = 0
            while state.bytes > budget, dropped < state.order.count {
                let oldest = state.order[dropped]
                state.bytes -= state.entries.removeValue(forKey: oldest)?.bytes ?? 0
                dropped += 1
            }
            if dropped > 0 { state.order.removeFirst(dropped) }
        }
    }
}

/// One stored finding, ready to list: what filters test, and its JSON in two halves around `state`.
struct CachedFinding: Sendable {
    var position: Int64
    var fingerprint: Fingerprint
    var severity: Severity
    var scanType: ScanType
    var scanner: String
    var change: DiffStatus?
    var suppressed: Bool
    var tags: [String]
    /// In CISA's KEV catalog, and the EPSS probability: for the `kev` and `min_epss` filters.
    var knownExploited: Bool
    var epss: Double?
    /// `{…"severity":"…"`: every member before `state`.
    var head: [UInt8]
    /// `"suppression":…,"title":"…"}`: every member after it.
    var tail: [UInt8]
}
