import SecureScanCore

/// One scan as the API lists it: queued, running or finished, with its run once it completed.
public struct StoredScan: Sendable, Hashable {
    public var id: String
    /// Position in the store's scan order (an autoincrement): the list's cursor.
    public var sequence: Int
    /// The target's name, once known (a queued API scan learns it when it starts).
    public var target: String?
    public var targetPath: String
    public var scanTypes: [ScanType]
    /// Scanner ids the request named, if it named any.
    public var scanners: [String]?
    public var targetURL: String?
    public var targetHost: String?
    public var status: ScanStatus
    public var origin: ScanOrigin
    /// The API key id (or `env`) that asked for it.
    public var requestedBy: String?
    /// How many times a worker started it (a server restart requeues an interrupted scan).
    public var attempts: Int
    public var createdAt: String
    public var startedAt: String?
    public var completedAt: String?
    public var error: String?
    /// The stored run, for completed scans.
    public var run: RunSummary?

    public init(
        id: String, sequence: Int = 0, target: String? = nil, targetPath: String, scanTypes: [ScanType], scanners: [String]? = nil,
        targetURL: String? = nil, targetHost: String? = nil, status: ScanStatus = .pending, origin: ScanOrigin = .api,
        requestedBy: String? = nil, attempts: Int = 0, createdAt: String, startedAt: String? = nil, completedAt: String? = nil,
        error: String? = nil, run: RunSummary? = nil
    ) {
        self.id = id
        self.sequence = sequence
        self.target = target
        self.targetPath = targetPath
        self.scanTypes = scanTypes
        self.scanners = scanners
        self.targetURL = targetURL
        self.targetHost = targetHost
        self.status = status
        self.origin = origin
        self.requestedBy = requestedBy
        self.attempts = attempts
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.error = error
        self.run = run
    }
}
