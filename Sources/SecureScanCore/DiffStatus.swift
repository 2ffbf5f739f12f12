/// How a finding of this run relates to the previous state of the same target.
public enum DiffStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Never seen on this target before.
    case new
    /// Present before and now.
    case unchanged
    /// Seen in an earlier run, absent from the previous state, back now.
    case reopened
    /// In the previous state, and the scanners that report it completed without it.
    case fixed
    /// In the previous state, but a scanner that reports it did not complete this time: carried forward, not fixed.
    case notReassessed = "not_reassessed"
}
