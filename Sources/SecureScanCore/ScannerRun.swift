/// What happened to one scanner in one run. A scanner that fails is a value here, never an abort.
public struct ScannerRun: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Completed: its findings are the whole truth for what it covers.
        case ran
        /// Not run: unavailable or not applicable; ``ScannerRun/reason`` and ``ScannerRun/installHint`` say why.
        case skipped
        /// Started and failed; ``ScannerRun/error`` says how.
        case failed
        /// Killed after its time limit.
        case timedOut = "timed_out"
    }

    public var scanner: String
    public var scanType: ScanType
    public var status: Status
    public var version: String?
    public var reason: String?
    public var installHint: String?
    public var error: String?
    public var findingCount: Int
    public var durationMilliseconds: Int
    /// Things the user should know that are not findings: files skipped for size, unreadable paths, …
    public var notes: [String]

    public init(
        scanner: String, scanType: ScanType, status: Status, version: String? = nil, reason: String? = nil,
        installHint: String? = nil, error: String? = nil, findingCount: Int = 0, durationMilliseconds: Int = 0,
        notes: [String] = []
    ) {
        self.scanner = scanner
        self.scanType = scanType
        self.status = status
        self.version = version
        self.reason = reason
        self.installHint = installHint
        self.error = error
        self.findingCount = findingCount
        self.durationMilliseconds = durationMilliseconds
        self.notes = notes
    }

    /// Whether the scanner's silence means "nothing found" (and so an absent finding is fixed).
    public var completed: Bool { status == .ran }

    /// Failed or timed out: the cases `--fail-on-scanner-error` gates on.
    public var isError: Bool { status == .failed || status == .timedOut }
}
