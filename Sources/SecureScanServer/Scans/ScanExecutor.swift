import Dispatch

/// Where API scans run: dispatch threads of their own, not the cooperative pool that answers requests,
/// so a scan busy walking and matching a large tree never delays `/health`, the event stream or reads.
final class ScanExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ScanExecutor()
    private let queue = DispatchQueue(label: "securescan.scans", qos: .utility, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
