import SecureScanCore
import SecureScanReports
import SecureScanStore

/// One `scan` invocation's inputs, as the command line (or a batch entry) states them.
public struct ScanRequest: Sendable {
    /// The directory to scan.
    public var path: String
    /// Overrides the target name (otherwise: the config's target for this path, else the directory name).
    public var targetName: String?
    /// An explicit config file; otherwise one is looked up from the target upwards.
    public var configFile: String?
    /// Artifact root.
    public var outputRoot: String
    /// Database file; defaults to `<outputRoot>/securescan.db`.
    public var database: StoreLocation?
    /// The store ``database`` names, already open (a batch's or a server's): used as it is, so a run does
    /// not open a store of its own (for a PostgreSQL store, a connection and its login every run).
    public var openStore: Store?
    /// Scanner ids to run, overriding the config.
    public var scanners: [String]?
    /// Artifact formats to write (manifest.json is always written); `nil` means all.
    public var formats: [String]?
    /// Gate settings from the command line, over the config's policy.
    public var gate: GatePolicy
    /// Extra `.gitignore`-style excludes.
    public var excludes: [String]
    /// Where the report templates are; found automatically when `nil`.
    public var templatesDirectory: String?
    /// The CycloneDX version of the SBOM artifacts.
    public var cycloneDXVersion: CycloneDXVersion
    /// The offline vulnerability database directory (default ``VulnerabilityDatabaseLocation/defaultDirectory``).
    public var vulnerabilityDatabase: String?
    /// Signs `manifest.json` into `manifest.sig` when set.
    public var signingKey: ManifestSignature.SigningKey?
    /// The run's id, when the caller chose it (an API scan's id); otherwise a new one.
    public var runID: String?
    /// Who started the run. An API scan's row must exist (queued, then running) before it starts.
    public var origin: ScanOrigin
    /// A configuration to use instead of looking for a file (a batch entry's).
    public var config: ProvidedConfig?
    /// Whether an unchanged target may reuse its previous run.
    public var reuse: ReusePolicy = .never
    /// The batch target this run is, marked done with the run.
    public var batch: BatchTargetMark?
    /// Whether the tree is walked. An import reads a report instead of files, so it skips the walk.
    public var walkTree = true
    /// A baseline of accepted findings, over the config's `baseline:`.
    public var baselineFile: String?
    /// VEX documents (`--vex`), read with the config's `vex:`.
    public var vexFiles: [String] = []
    /// Scanner options over the config's `scanner_options`, by scanner id then key (an API scan's
    /// `target_url` for zap, `target_host` for nmap).
    public var scannerOptions: [String: [String: [String]]] = [:]
    /// Also scan the repository's history for secrets (`scan --history`): the revisions to read (a range,
    /// branches, `--all`); empty for the scanner's default (every ref). nil: the history is not read
    /// unless the config selects `git-history`.
    public var history: [String]?
    /// `--publish`: the central server that judges the run against its history (an unchanged target is
    /// then scanned again rather than reused: the server needs the run).
    public var publisher: (any RunPublishing)?

    public init(
        path: String, targetName: String? = nil, configFile: String? = nil, outputRoot: String = "output",
        database: StoreLocation? = nil, scanners: [String]? = nil, formats: [String]? = nil, gate: GatePolicy = GatePolicy(),
        excludes: [String] = [], templatesDirectory: String? = nil, cycloneDXVersion: CycloneDXVersion = .default,
        vulnerabilityDatabase: String? = nil, signingKey: ManifestSignature.SigningKey? = nil, runID: String? = nil,
        origin: ScanOrigin = .cli
    ) {
        self.runID = runID
        self.origin = origin
        self.path = path
        self.targetName = targetName
        self.configFile = configFile
        self.outputRoot = outputRoot
        self.database = database
        self.scanners = scanners
        self.formats = formats
        self.gate = gate
        self.excludes = excludes
        self.templatesDirectory = templatesDirectory
        self.cycloneDXVersion = cycloneDXVersion
        self.vulnerabilityDatabase = vulnerabilityDatabase
        self.signingKey = signingKey
    }
}
