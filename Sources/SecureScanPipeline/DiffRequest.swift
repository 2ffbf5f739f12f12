import SecureScanCore
import SecureScanStore

/// One `diff` invocation: which target, which two states of it, and how to judge the change.
public struct DiffRequest: Sendable {
    /// The directory to scan: a git work tree or a directory inside one.
    public var path: String
    /// The ref the change is judged against (a branch, tag or commit).
    public var base: String
    /// The ref of the changed state; nil for the work tree as it is (uncommitted and untracked files included).
    public var head: String?
    /// Scan both states completely rather than only the files that differ.
    public var full: Bool
    /// The head is the index (what is staged for the next commit), not `head` or the work tree; a base
    /// of `HEAD` in a repository without commits is the empty tree. For pre-commit hooks.
    public var staged = false
    public var targetName: String?
    public var configFile: String?
    public var scanners: [String]?
    public var excludes: [String]
    /// Gate settings from the command line, over the config's policy; they judge the new findings.
    public var gate: GatePolicy
    /// A store whose triage verdicts apply (nothing is written to it); none by default.
    public var database: StoreLocation?
    /// `--publish`: the triage verdicts come from this central server rather than from a store.
    public var publisher: (any RunPublishing)?
    public var vulnerabilityDatabase: String?
    /// A baseline of accepted findings, over the config's `baseline:`.
    public var baselineFile: String?
    /// VEX documents (`--vex`), read with the config's `vex:`.
    public var vexFiles: [String] = []
    /// Where the change's artifacts go (`--output`); skipped when it lies inside the target.
    public var outputDirectory: String?

    public init(
        path: String, base: String, head: String? = nil, full: Bool = false, targetName: String? = nil, configFile: String? = nil,
        scanners: [String]? = nil, excludes: [String] = [], gate: GatePolicy = GatePolicy(), database: StoreLocation? = nil,
        vulnerabilityDatabase: String? = nil
    ) {
        self.path = path
        self.base = base
        self.head = head
        self.full = full
        self.targetName = targetName
        self.configFile = configFile
        self.scanners = scanners
        self.excludes = excludes
        self.gate = gate
        self.database = database
        self.vulnerabilityDatabase = vulnerabilityDatabase
    }

    /// The scan request the shared steps (configuration, scanner selection, walk) read; writes no formats.
    var scanRequest: ScanRequest {
        var request = ScanRequest(path: path, targetName: targetName, configFile: configFile, outputRoot: "", database: database,
                                  scanners: scanners, formats: [], gate: gate, excludes: excludes, vulnerabilityDatabase: vulnerabilityDatabase)
        request.baselineFile = baselineFile
        request.vexFiles = vexFiles
        return request
    }
}
