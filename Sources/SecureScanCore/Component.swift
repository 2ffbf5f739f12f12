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
    /// What the lockfile says about the component beyond its identity, under the keys of ``Property``
    /// (where a local package comes from, the platforms an optional package installs on, a declaration
    /// missing from the lockfile). Empty for an ordinary registry package.
    public var properties: [String: String]

    /// The keys of ``properties``.
    public enum Property {
        /// Where a component that is not fetched from its ecosystem's registry comes from, as the lockfile
        /// writes it: `file:vendor/x.tgz`, `link:../x`, `portal:../x`, `workspace:packages/a`,
        /// `git+https://host/repo.git#commit`. Such a component is inventoried but never matched against
        /// registry advisories: a package of the same name on the registry is a different package.
        public static let source = "source"
        /// Operating systems a platform-specific package installs on (`darwin`, `!win32`), comma-separated.
        public static let os = "os"
        /// Processor architectures a platform-specific package installs on (`arm64`, `x64`), comma-separated.
        public static let cpu = "cpu"
        /// C libraries a platform-specific package installs with (`glibc`, `musl`), comma-separated.
        public static let libc = "libc"
        /// `missing`: the manifest declares the dependency (at the range in ``declared``) and the lockfile
        /// has no entry for it, so the lockfile is out of date and the installed version is unknown.
        public static let lockfile = "lockfile"
        /// The range a manifest declares for a dependency the lockfile does not have.
        public static let declared = "declared"
    }

    public init(
        name: String, version: String, purl: String, ecosystem: String, licenses: [String] = [],
        scope: Scope = .required, manifestPath: String, hashes: [String: String] = [:], dependsOn: [String] = [],
        properties: [String: String] = [:]
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
        self.properties = properties
    }

    /// Whether the component comes from the tree or another non-registry source (see ``Property/source``).
    public var isLocal: Bool { properties[Property.source] != nil }

    /// Whether it installs only on some platforms (see ``Property/os``, ``Property/cpu``, ``Property/libc``).
    public var isPlatformSpecific: Bool {
        properties[Property.os] != nil || properties[Property.cpu] != nil || properties[Property.libc] != nil
    }

    private enum CodingKeys: String, CodingKey {
        case name, version, purl, ecosystem, licenses, scope, manifestPath, hashes, dependsOn, properties
    }

    /// Reads documents written before ``properties`` existed too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name), version: try container.decode(String.self, forKey: .version),
            purl: try container.decode(String.self, forKey: .purl), ecosystem: try container.decode(String.self, forKey: .ecosystem),
            licenses: try container.decode([String].self, forKey: .licenses), scope: try container.decode(Scope.self, forKey: .scope),
            manifestPath: try container.decode(String.self, forKey: .manifestPath),
            hashes: try container.decode([String: String].self, forKey: .hashes),
            dependsOn: try container.decode([String].self, forKey: .dependsOn),
            properties: try container.decodeIfPresent([String: String].self, forKey: .properties) ?? [:])
    }
}
