import Synchronization

/// Set when a running scan's claim could not be renewed: the scan is no longer this process's to finish.
final class ClaimLost: Sendable {
    let flag = Atomic<Bool>(false)
}
