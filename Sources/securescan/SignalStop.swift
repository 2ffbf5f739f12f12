@preconcurrency import Dispatch
import Foundation
import Synchronization

/// SIGTERM and SIGINT for the commands that do work and then end (scan, batch, import, …): the first
/// signal cancels the command, which kills every scanner's process group and abandons the run before it
/// is stored (a transaction in progress is rolled back; a batch's remaining targets stay queued for the
/// next run); if the command has not ended 10 s later, the process exits anyway. `serve` and `worker`
/// stop through their own graceful shutdown instead.
final class SignalStop: @unchecked Sendable {
    /// The signal received, if any.
    private let received = Mutex<Int32?>(nil)
    /// Kept for the life of the process (a released source stops delivering); set once, before any signal.
    private let sources: [any DispatchSourceSignal]
    static let grace: Double = 10

    private init(sources: [any DispatchSourceSignal]) { self.sources = sources }

    /// Starts listening; `cancel` is called once, on the first signal.
    static func install(cancel: @escaping @Sendable () -> Void) -> SignalStop {
        var sources: [any DispatchSourceSignal] = []
        let queue = DispatchQueue(label: "securescan.signals")
        for number in [SIGTERM, SIGINT] {
            Foundation.signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: queue))
        }
        let stop = SignalStop(sources: sources)
        for (source, number) in zip(sources, [SIGTERM, SIGINT]) {
            source.setEventHandler {
                let first = stop.received.withLock { received -> Bool in
                    defer { received = received ?? number }
                    return received == nil
                }
                guard first else { return }
                FileHandle.standardError.write(Data("securescan: \(number == SIGTERM ? "SIGTERM" : "SIGINT") received: stopping scanners, nothing of this run is stored\n".utf8))
                cancel()
                queue.asyncAfter(deadline: .now() + grace) {
                    FileHandle.standardError.write(Data("securescan: still running \(Int(grace)) s after the signal: exiting\n".utf8))
                    exit(128 + number)
                }
            }
            source.resume()
        }
        return stop
    }

    /// The signal that stopped the command, if one did.
    var stoppingSignal: Int32? { received.withLock { $0 } }
}
