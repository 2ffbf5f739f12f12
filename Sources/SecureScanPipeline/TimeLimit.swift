import SecureScanScanners
import Synchronization

/// Runs work with a deadline, without waiting for work that ignores cancellation.
enum TimeLimit {
    /// Thrown when the deadline passes first.
    struct Exceeded: Error {}

    /// Returns `work`'s result, or throws ``Exceeded`` after `seconds` and cancels the work. If the caller's
    /// task is cancelled, the work is cancelled and this throws `CancellationError`. Either way it returns
    /// promptly: work that keeps running after cancellation is left to finish on its own.
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        // The work runs on the scan executor's threads, so work that blocks cannot delay the timer.
        let worker = Task(executorPreference: ScanExecutor.shared) { try await work() }
        let once = ResumeOnce<T>()
        let timer = Task {
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
            worker.cancel()
            once.resume(with: .failure(Exceeded()))
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await worker.value) } catch { result = .failure(error) }
                    timer.cancel()
                    once.resume(with: result)
                }
            }
        } onCancel: {
            worker.cancel()
            timer.cancel()
            once.resume(with: .failure(CancellationError()))
        }
    }
}

/// A continuation resumed exactly once, by whichever result arrives first (even before it is set).
private final class ResumeOnce<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var resumed = false
    }

    private let state = Mutex(State())

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = state.withLock { state in
            guard !state.resumed else { return nil }
            if let result = state.result {
                state.resumed = true
                return result
            }
            state.continuation = continuation
            return nil
        }
        if let pending { continuation.resume(with: pending) }
    }

    func resume(with result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard !state.resumed else { return nil }
            guard let continuation = state.continuation else {
                if state.result == nil { state.result = result }
                return nil
            }
            state.resumed = true
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: result)
    }
}
