import Foundation

/// Runs slow synchronous work (XSD validation, big parses) off the cooperative thread pool, which on a
/// two-core machine has two threads: blocking them stalls every other test's timers.
package enum Blocking {
    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
