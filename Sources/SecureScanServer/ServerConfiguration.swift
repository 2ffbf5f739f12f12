import Foundation
import SecureScanCore
import SecureScanStore

/// How `securescan serve` runs: where it listens, what it serves, and whether it may change anything.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The artifact root (`output/`): served under `/site/`, and where API scans write their runs.
    public var outputRoot: String
    /// The run store: an SQLite file (default `<output>/securescan.db`) or a PostgreSQL server.
    public var database: StoreLocation
    /// The auditor mode: the database is opened read-only and every mutating request is refused with 405.
    public var readOnly: Bool
    /// `SECURESCAN_API_KEY`: a full-trust key that is not in the database.
    public var environmentKey: String?
    /// `SECURESCAN_EVENT_TOKEN_SECRET`: signs SSE event tokens (random per process when unset).
    public var eventTokenSecret: String?
    /// Directories `POST /scans` may scan and `/dashboard/browse` may list (default: the working directory).
    public var roots: [String]
    /// Scans that run at once; the rest wait in the queue. 0: this process runs none (an API-only replica;
    /// `securescan worker` processes on the same store run them).
    public var workers: Int
    /// Keep looking in the store for scans queued by other processes (a worker), not only at start.
    public var watchQueue = false
    /// The offline vulnerability database directory for API scans.
    public var vulnerabilityDatabase: String?
    /// Report templates (found next to the executable when nil).
    public var templatesDirectory: String?
    /// The running executable, to find the templates.
    public var executablePath: String
    /// Internal networks webhooks may reach (from config `webhooks.allow_networks`).
    public var webhookAllowedNetworks: [IPRange]
    /// Scan creations a key may make a minute, and at once (`SECURESCAN_RATE_LIMIT_PER_MIN`, `_BURST`).
    public var scanRateLimit: (perMinute: Int, burst: Int)?
    /// Memory for serialized findings of stored runs (immutable, so never stale); 0 turns the cache off.
    public var cacheBytes: Int
    /// `SECURESCAN_SECRET_KEY`: seals webhook secrets (64 hex digits). Required with a PostgreSQL store, whose
    /// hosts must all unseal what any of them sealed; an SQLite store falls back to a key file beside it.
    public var secretKey: String?
    /// The largest published run (`POST /runs`) or artifact folder (`PUT /runs/{id}/artifacts`) accepted, in bytes.
    public var publishLimitBytes: Int = 256 << 20
    /// Browser origins allowed to call the API from their pages (`--cors-origin`, exact `scheme://host[:port]`);
    /// none by default, so no page elsewhere can read the API with a user's browser.
    public var corsOrigins: [String] = []
    /// A connection that sends nothing for this long is closed (slow clients hold no request open for ever).
    public var idleTimeout: Duration = .seconds(30)
    /// A request body must arrive within this long of its head (a slow-loris body is cut off with a 408).
    public var bodyTimeout: Duration = .seconds(60)

    public init(
        host: String = "127.0.0.1", port: Int = 8000, outputRoot: String = "output", database: StoreLocation? = nil, readOnly: Bool = false,
        environmentKey: String? = nil, eventTokenSecret: String? = nil, roots: [String] = [], workers: Int = 2,
        vulnerabilityDatabase: String? = nil, templatesDirectory: String? = nil, executablePath: String = CommandLine.arguments.first ?? "securescan",
        webhookAllowedNetworks: [IPRange] = [], scanRateLimit: (perMinute: Int, burst: Int)? = (60, 10), cacheBytes: Int = 64 << 20,
        secretKey: String? = ProcessInfo.processInfo.environment["SECURESCAN_SECRET_KEY"]
    ) {
        self.secretKey = secretKey
        self.cacheBytes = max(cacheBytes, 0)
        self.host = host
        self.port = port
        self.outputRoot = outputRoot
        self.database = database ?? .sqlite(path: outputRoot + "/securescan.db")
        self.readOnly = readOnly
        self.environmentKey = environmentKey
        self.eventTokenSecret = eventTokenSecret
        self.roots = roots
        self.workers = max(workers, 0)
        self.vulnerabilityDatabase = vulnerabilityDatabase
        self.templatesDirectory = templatesDirectory
        self.executablePath = executablePath
        self.webhookAllowedNetworks = webhookAllowedNetworks
        self.scanRateLimit = scanRateLimit
    }
}
