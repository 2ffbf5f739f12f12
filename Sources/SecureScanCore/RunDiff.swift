/// The comparison of one run with the target's previous state.
///
/// The previous state is what the last run observed plus what it carried forward as not reassessed,
/// so a finding whose scanner failed once is neither "fixed" then nor "reopened" after.
public struct RunDiff: Sendable, Hashable, Codable {
    public var new: [Finding] = []
    public var unchanged: [Finding] = []
    public var reopened: [Finding] = []
    public var fixed: [Finding] = []
    public var notReassessed: [Finding] = []

    public init() {}

    /// - Parameters:
    ///   - current: this run's findings.
    ///   - previous: the previous state of the same target.
    ///   - seenBefore: every fingerprint ever observed on the target before this run.
    ///   - completedScanners: scanners that ran to completion this time.
    /// `current` is consumed: its findings are marked in place, so a caller that hands its only copy over
    /// (the pipeline does) has no finding copied.
    public init(current: consuming [Finding], previous: [Finding], seenBefore: Set<Fingerprint>, completedScanners: Set<String>) {
        let previousFingerprints = Set(previous.map(\.fingerprint))
        var current = current
        var currentFingerprints = Set<Fingerprint>(minimumCapacity: current.count)
        for index in current.indices {
            let fingerprint = current[index].fingerprint
            currentFingerprints.insert(fingerprint)
            if previousFingerprints.contains(fingerprint) {
                current[index].change = .unchanged
                unchanged.append(current[index])
            } else if seenBefore.contains(fingerprint) {
                current[index].change = .reopened
                reopened.append(current[index])
            } else {
                current[index].change = .new
                new.append(current[index])
            }
        }
        for finding in previous where !currentFingerprints.contains(finding.fingerprint) {
            var finding = finding
            let reassessed = finding.reportedBy.allSatisfy(completedScanners.contains)
            finding.change = reassessed ? .fixed : .notReassessed
            if reassessed { fixed.append(finding) } else { notReassessed.append(finding) }
        }
        new = new.canonicallySorted()
        unchanged = unchanged.canonicallySorted()
        reopened = reopened.canonicallySorted()
        fixed = fixed.canonicallySorted()
        notReassessed = notReassessed.canonicallySorted()
    }

    /// This run's findings with their ``Finding/change`` set, in canonical order: the three buckets,
    /// each already in that order, merged.
    public var current: [Finding] { Finding.canonicallyMerged(Finding.canonicallyMerged(new, unchanged), reopened) }

    public var counts: Counts {
        Counts(new: new.count, unchanged: unchanged.count, reopened: reopened.count, fixed: fixed.count,
               notReassessed: notReassessed.count)
    }

    /// Bucket sizes, the shape of the `diff` object in `--json` output.
    public struct Counts: Sendable, Hashable, Codable {
        public var new: Int
        public var unchanged: Int
        public var reopened: Int
        public var fixed: Int
        public var notReassessed: Int

        public init(new: Int = 0, unchanged: Int = 0, reopened: Int = 0, fixed: Int = 0, notReassessed: Int = 0) {
            self.new = new
            self.unchanged = unchanged
            self.reopened = reopened
            self.fixed = fixed
            self.notReassessed = notReassessed
        }

        enum CodingKeys: String, CodingKey {
            case new, unchanged, reopened, fixed
            case notReassessed = "not_reassessed"
        }
    }
}
