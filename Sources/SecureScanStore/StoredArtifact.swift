/// One file of a run's artifact set as the store keeps it: its name in the run's folder, and the
/// SHA-256 and size of its content (kept once however many runs have the same bytes).
public struct StoredArtifact: Sendable, Hashable, Codable {
    public let name: String
    public let digest: String
    public let size: Int

    public init(name: String, digest: String, size: Int) {
        self.name = name
        self.digest = digest
        self.size = size
    }
}
