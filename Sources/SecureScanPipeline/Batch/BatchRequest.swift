import SecureScanCore
import SecureScanStore
import SecureScanReports

/// One `securescan batch` invocation's inputs.
public struct BatchRequest: Sendable {
    public var file: String
    public var outputRoot: String
    public var database: StoreLocation?
    public var vulnerabilityDatabase: String?
    public var templatesDirectory: String?
    /// Targets scanned at once.
    public var jobs: Int
    /// 1-based shard index and count (1 of 1: everything).
    public var shard: (index: Int, count: Int)
    /// Scan every target even when nothing changed.
    public var force: Bool
    /// A baseline for every target, over each target's own `baseline:`.
    public var baselineFile: String?
    /// VEX documents (`--vex`) for every target, read with each target's config `vex:`.
    public var vexFiles: [String] = []
    /// Gate flags over every target's config policy.
    public var gate: GatePolicy
    /// Artifact formats; nil for all.
    public var formats: [String]?
    public var cycloneDXVersion: CycloneDXVersion
    /// How long a claimed target stays this process's without a renewal (renewed every third of it while
    /// the target runs): after a process dies, its target waits this long before another takes it.
    public var leaseSeconds: Double = 60

    public init(file: String, outputRoot: String = "output", database: StoreLocation? = nil, vulnerabilityDatabase: String? = nil,
                templatesDirectory: String? = nil, jobs: Int = 2, shard: (index: Int, count: Int) = (1, 1), force: Bool = false,
                gate: GatePolicy = GatePolicy(), formats: [String]? = nil, cycloneDXVersion: CycloneDXVersion = .default) {
        self.file = file
        self.outputRoot = outputRoot
        self.database = database
        self.vulnerabilityDatabase = vulnerabilityDatabase
        self.templatesDirectory = templatesDirectory
        self.jobs = max(jobs, 1)
        self.shard = shard
        self.force = force
        self.gate = gate
        self.formats = formats
        self.cycloneDXVersion = cycloneDXVersion
    }

    /// `2/5`.
    public var shardName: String { "\(shard.index)/\(shard.count)" }
}
