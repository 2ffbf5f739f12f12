import Dispatch
import Synchronization

/// Runs a CPU-bound loop on every core: each worker takes the next index until none are left.
enum ParallelWork {
    /// Calls `body(index, state)` for every index in `0..<count`, with one `State` per worker made by
    /// `makeState`, and returns each worker's `finish(state)` in worker order.
    /// Stops handing out work once `stop` returns true (checked before each item).
    static func run<State, Output: Sendable>(
        count: Int, workers: Int, makeState: @Sendable () -> State,
        stop: @Sendable () -> Bool, body: @Sendable (Int, inout State) -> Void,
        finish: @Sendable (State) -> Output
    ) -> [Output] {
        let next = Atomic<Int>(0)
        let workers = max(1, min(workers, count))
        let results = Mutex<[Int: Output]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state = makeState()
            while !stop() {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                body(index, &state)
            }
            let output = finish(state)
            results.withLock { $0[worker] = output }
        }
        return results.withLock { dictionary in (0..<workers).compactMap { dictionary[$0] } }
    }
}
