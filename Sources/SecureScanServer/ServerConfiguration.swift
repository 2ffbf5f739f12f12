/// How `securescan serve` runs: where it listens, what it serves, and whether it may change anything.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The artifact root (`output/`): served under `/site/`.
    public var outputRoot: String
    /// The SQLite database (default `<output>/securescan.db`).
    public var databasePath: String
    /// The auditor mode: the database is opened read-only and every mutating request is refused with 405.
    public var readOnly: Bool

    public init(host: String = "127.0.0.1", port: Int = 8000, outputRoot: String = "output", databasePath: String? = nil, readOnly: Bool = false) {
        self.host = host
        self.port = port
        self.outputRoot = outputRoot
        self.databasePath = databasePath ?? outputRoot + "/securescan.db"
        self.readOnly = readOnly
    }
}
