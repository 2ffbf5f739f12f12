#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SecureScanStore

/// One batch writer per store and shard: an exclusive `flock` on a hidden file next to the database (for
/// a PostgreSQL store, in the output root), released when the process ends however it ends (a `kill -9`
/// included).
final class BatchLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock or fails naming the process that holds it.
    init(database: StoreLocation, outputRoot: URL, shard: String) throws(PipelineError) {
        let directory: URL
        switch database {
        case .sqlite(let path): directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        case .postgres: directory = outputRoot
        }
        path = directory.appendingPathComponent(".securescan-batch-\(shard.replacingOccurrences(of: "/", with: "of")).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .locked(path: path, reason: "cannot create the batch lock \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw .locked(path: path, reason: "another batch (shard \(shard)\(holder.isEmpty ? "" : ", process \(holder)")) is writing this store; it holds \(path)")
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
