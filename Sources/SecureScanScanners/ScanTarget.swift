import SecureScanCore

/// A directory being scanned, as scanners see it.
public struct ScanTarget: Sendable {
    /// The target's stable name (part of every fingerprint).
    public var name: String
    /// Absolute, symlink-free path of the root directory.
    public var root: String
    /// The files every built-in scanner reads, walked once per run.
    public var tree: TargetTree
    /// The offline advisory database the `osv` scanner matches against, when one is configured.
    public var advisories: (any AdvisoryDatabase)?
    /// The target's components, cataloged once and shared by the scanners that need them.
    public let catalog: SharedCatalog
    /// The `licenses` scanner's policy, from the configuration.
    public var licensePolicy: LicensePolicy
    /// Memory limits from the configuration, in bytes: per scanner id, and the default for the others.
    public var memoryLimits: [String: Int] = [:]
    public var defaultMemoryLimit: Int?
    /// `scanner_options` from the configuration: scanner id to option name to values.
    public var options: [String: [String: [String]]] = [:]

    public init(
        name: String, root: String, tree: TargetTree, advisories: (any AdvisoryDatabase)? = nil, licensePolicy: LicensePolicy = LicensePolicy()
    ) {
        self.name = name
        self.root = root
        self.tree = tree
        self.advisories = advisories
        self.catalog = SharedCatalog()
        self.licensePolicy = licensePolicy
    }

    /// The memory limit an external tool run by `scanner` gets (pass it to ``ToolRunner/Invocation/memoryLimit``).
    public func memoryLimit(for scanner: String) -> Int? { memoryLimits[scanner] ?? defaultMemoryLimit }

    /// The values of one of `scanner`'s options; empty when it is not set.
    public func option(_ key: String, of scanner: String) -> [String] { options[scanner]?[key] ?? [] }

    /// Absolute path of a tree-relative path.
    public func absolutePath(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }
}
