import Foundation
import Synchronization
import SecureScanCore
import SecureScanScanners

/// A scanner whose behaviour a test chooses: report fixed findings, crash, or hang.
struct FakeScanner: ScannerAdapter {
    enum Mode: Sendable {
        case finds([String])
        case crash
        /// Sleeps cooperatively: cancellation stops it.
        case hang
        /// Busy-waits for this many seconds, ignoring cancellation, then sets the flag.
        case stubborn(Double, finished: Flag)
    }

    /// Set by a stubborn scan when its work is over.
    final class Flag: Sendable {
        private let value = Atomic(false)
        var isSet: Bool { value.load(ordering: .acquiring) }
        func set() { value.store(true, ordering: .releasing) }
    }

    struct Crash: Error, CustomStringConvertible {
        var description: String { "fake scanner crashed: parser exploded" }
    }

    let id = "fake"
    let scanType = ScanType.iac
    let summary = "test double"
    let mode: Mode

    func availability() async -> ScannerAvailability { .available(version: "9.9") }

    func scan(_ target: ScanTarget) async throws -> Observations {
        switch mode {
        case .finds(let resources):
            return Observations(findings: resources.map {
                Finding.Draft(ruleID: "fake/rule", severity: .medium, title: "Fake finding \($0)", location: Location(path: "infra/\($0).tf", startLine: 1),
                              identity: .iac(resource: $0))
            })
        case .crash:
            throw Crash()
        case .hang:
            try await Task.sleep(for: .seconds(3600))
            return Observations()
        case .stubborn(let seconds, let finished):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline { usleep(20_000) }
            finished.set()
            return Observations()
        }
    }
}
