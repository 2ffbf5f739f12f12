import Dispatch

/// Runs blocking, CPU-bound work on a dispatch thread so the cooperative pool stays free
/// (a native scanner's file loop must not starve other scanners' tasks).
func runDetached<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
