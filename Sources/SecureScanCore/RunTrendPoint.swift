/// One earlier run of a target, as a report's trend chart needs it.
public struct RunTrendPoint: Sendable, Hashable {
    public var runID: String
    public var finishedAt: String
    public var counts: SeverityCounts
    public var riskScore: Double

    public init(runID: String, finishedAt: String, counts: SeverityCounts, riskScore: Double) {
        self.runID = runID
        self.finishedAt = finishedAt
        self.counts = counts
        self.riskScore = riskScore
    }
}
