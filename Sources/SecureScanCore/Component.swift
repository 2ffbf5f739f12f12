/// A software component found in a target's manifests or lockfiles: one SBOM entry.
public struct Component: Sendable, Hashable, Codable {
    public enum Scope: String, Sendable, Hashable, Codable {
        case required
        case optional
        case development
    }

    public var name: String
    public var version: String
    /// Package URL (https://github.com/package-url/purl-spec), the component's identity across tools.
    public var purl: String
    public var ecosystem: String
    public var licenses: [String]
    public var scope: Scope
    /// The manifest or lockfile that declares it, target-relative.
    public var manifestPath: String
    /// Algorithm name (`SHA-256`, `SHA-512`, …) to hex digest, from lockfile integrity fields.
    public var hashes: [String: String]
    /// Purls of the components this one depends on, where the lockfile records a graph.
    public var dependsOn: [String]

    public init(
        name: String, version: String, purl: String, ecosystem: String, licenses: [String] = [],
        scope: Scope = .required, manifestPath: String, hashes: [String: String] = [:], dependsOn: [String] = []
    ) {
        self.name = name
        self.version = version
        self.purl = purl
        self.ecosystem = ecosystem
        self.licenses = licenses
        self.scope = scope
        self.manifestPath = Location.normalize(path: manifestPath)
        self.hashes = hashes
        self.dependsOn = dependsOn
    }
}
