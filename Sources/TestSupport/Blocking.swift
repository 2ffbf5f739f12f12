import Foundation

/// Runs slow synchronous work (XSD validation, big parses, waiting for a child process) on a thread of its
/// own: neither the cooperative pool nor dispatch's pool of one thread a core, which on a two-core machine
/// have two threads each; blocking them stalls every other test's timers and scans.
package enum Blocking {
    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
