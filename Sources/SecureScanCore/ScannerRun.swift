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
    /// Entries of its report that broke the report's format and were skipped (each named in ``notes``);
    /// the rest of the report was read.
    public var skippedEntries: Int

    public init(
        scanner: String, scanType: ScanType, status: Status, version: String? = nil, reason: String? = nil,
        installHint: String? = nil, error: String? = nil, findingCount: Int = 0, durationMilliseconds: Int = 0,
        notes: [String] = [], skippedEntries: Int = 0
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
        self.skippedEntries = skippedEntries
    }

    enum CodingKeys: String, CodingKey {
        case scanner, scanType, status, version, reason, installHint, error, findingCount, durationMilliseconds, notes, skippedEntries
    }

    /// Reads runs written before ``skippedEntries`` existed (none skipped).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scanner: try container.decode(String.self, forKey: .scanner), scanType: try container.decode(ScanType.self, forKey: .scanType),
            status: try container.decode(Status.self, forKey: .status), version: try container.decodeIfPresent(String.self, forKey: .version),
            reason: try container.decodeIfPresent(String.self, forKey: .reason), installHint: try container.decodeIfPresent(String.self, forKey: .installHint),
            error: try container.decodeIfPresent(String.self, forKey: .error), findingCount: try container.decode(Int.self, forKey: .findingCount),
            durationMilliseconds: try container.decode(Int.self, forKey: .durationMilliseconds), notes: try container.decode([String].self, forKey: .notes),
            skippedEntries: try container.decodeIfPresent(Int.self, forKey: .skippedEntries) ?? 0)
    }

    /// Whether the scanner's silence means "nothing found" (and so an absent finding is fixed).
    public var completed: Bool { status == .ran }

    /// Failed or timed out: the cases `--fail-on-scanner-error` gates on.
    public var isError: Bool { status == .failed || status == .timedOut }
}
