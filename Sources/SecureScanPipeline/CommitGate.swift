import Foundation

/// Holds a run's store transaction open until its artifacts are rendered, so a command-line scan stores
/// and renders at the same time (a 100,000-finding run spends ~2.5 s in each) while the run still becomes
/// visible only with its files: the transaction commits once rendering succeeded and rolls back otherwise.
///
/// The waiting side is a thread of its own (``Pipeline/saveAlongside(_:)``), never a task of the
/// cooperative pool. A class: both sides share one decision; the condition guards it, hence
/// `@unchecked Sendable`.
final class CommitGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var decision: Bool?

    /// Called by the renderer: commit (`true`) or roll back.
    func decide(commit: Bool) {
        condition.lock()
        decision = commit
        condition.broadcast()
        condition.unlock()
    }

    /// Called inside the transaction, before it commits: blocks until ``decide(commit:)``, and throws
    /// (so the store rolls back) when rendering failed or was cancelled.
    func waitForCommit() throws(PipelineError) {
        condition.lock()
        defer { condition.unlock() }
        while decision == nil { condition.wait() }
        if decision != true { throw .cancelled }
    }
}
