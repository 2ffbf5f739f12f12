import Dispatch

/// Where scanning runs: dispatch threads of its own, not Swift's cooperative pool (one thread a core).
/// A scanner busy matching a large tree, or one that blocks, then never starves the tasks that enforce
/// time limits, the server's request handlers, or its event streams.
public final class ScanExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = ScanExecutor()
    private let queue = DispatchQueue(label: "securescan.scans", qos: .utility, attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
