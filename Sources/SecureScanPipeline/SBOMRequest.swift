import SecureScanReports

/// One `sbom` invocation: a tree or a single lockfile, and the SBOM format to write.
public struct SBOMRequest: Sendable {
    /// A directory, or one lockfile or manifest.
    public var path: String
    public var format: String
    public var cycloneDXVersion: CycloneDXVersion
    /// Overrides the name the SBOM gives the scanned software (otherwise the directory's name).
    public var targetName: String?
    public var excludes: [String]

    public init(path: String, format: String, cycloneDXVersion: CycloneDXVersion = .default, targetName: String? = nil, excludes: [String] = []) {
        self.path = path
        self.format = format
        self.cycloneDXVersion = cycloneDXVersion
        self.targetName = targetName
        self.excludes = excludes
    }
}
