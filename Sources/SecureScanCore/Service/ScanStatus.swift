/// Where a scan is in its life: queued, running, or finished one of three ways.
public enum ScanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case running
    case completed
    case failed
    case cancelled
    /// Not scanned: nothing it depends on changed since the target's last run, which stands for it.
    case reused

    /// Finished: nothing about it changes any more.
    public var isTerminal: Bool { self != .pending && self != .running }

    /// The event that ends a scan in this state, for terminal states.
    public var terminalEvent: ScanEvent.Name? {
        switch self {
        case .completed, .reused: .scanComplete
        case .failed: .scanFailed
        case .cancelled: .scanCancelled
        case .pending, .running: nil
        }
    }
}

/// Who started a scan.
public enum ScanOrigin: String, Sendable, Hashable, Codable {
    /// `securescan scan`.
    case cli
    /// `POST /scans`.
    case api
    /// `securescan batch`.
    case batch
    /// `securescan import`.
    case `import`
    /// A run a CI runner sent with `--publish` (`POST /runs`).
    case publish
}
