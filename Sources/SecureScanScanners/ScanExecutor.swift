import Dispatch

/// Where scanning runs: dispatch threads of its own, not Swift's cooperative pool (one thread a core).
/// A scanner busy matching a large tree, or one that blocks, then never starves the tasks that enforce
/// time limits, the server's request handlers, or its event streams.
///
/// The one policy for work that would hold a cooperative thread: scans and renders run with this executor
/// as their preference, and blocking calls anywhere else (a DNS lookup) go through ``run(_:)``.
public final class ScanExecutor: TaskExecutor, Sendable {
    public static let shared = ScanExecutor()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // Each job on a serial queue of its own: serial queues draw from dispatch's overcommitting pool, which
        // starts another thread when the running ones are blocked. (A concurrent queue draws from the pool
        // of one thread a core, where a scanner stuck past its time limit, or any blocked dispatch work in
        // the process, holds back every other scanner.)
        DispatchQueue(label: "securescan.scan", qos: .utility).async { job.runSynchronously(on: executor) }
    }
}

extension ScanExecutor {
    /// Runs blocking or CPU-bound work on a scan thread, never on the cooperative pool.
    public static func run<T: Sendable, Failure: Error>(_ work: () throws(Failure) -> T) async throws(Failure) -> T {
        try await withTaskExecutorPreference(shared) { () async throws(Failure) -> T in try work() }
    }
}
