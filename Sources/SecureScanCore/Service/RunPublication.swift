/// What `securescan scan|import --publish` sends to a central server's `POST /runs`: the run as the runner
/// judged it (its findings, components and scanner runs; the runner's own suppressions applied) and the
/// gate it was asked to apply. The server judges it again against the target's central history.
public struct RunPublication: Sendable, Hashable, Codable {
    public static let kind = "securescan-run-publication"
    public static let version = 1

    public var kind: String
    public var version: Int
    public var run: RunReport
    public var gate: GatePolicy
    /// The scanned folder on the runner (shown as the target's path).
    public var targetPath: String?

    public init(run: RunReport, gate: GatePolicy, targetPath: String?) {
        self.kind = Self.kind
        self.version = Self.version
        self.run = run
        self.gate = gate
        self.targetPath = targetPath
    }

    enum CodingKeys: String, CodingKey {
        case kind, version, run, gate
        case targetPath = "target_path"
    }
}

/// The files of a published run's artifact folder, sent after the server judged it (`PUT /runs/{id}/artifacts`):
/// rendered by the runner from the server's judgment, listed with their SHA-256 in the `manifest.json` among them.
public struct RunArtifactUpload: Sendable, Hashable, Codable {
    public struct File: Sendable, Hashable, Codable {
        public var name: String
        /// Base64.
        public var content: String

        public init(name: String, content: String) {
            self.name = name
            self.content = content
        }
    }

    public var files: [File]

    public init(files: [File]) { self.files = files }
}
