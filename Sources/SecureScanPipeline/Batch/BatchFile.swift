import SecureScanCore

/// A validated batch file (`audits.yml`): the targets of a nightly audit, each with the configuration it
/// is scanned with (the file's `defaults:` with the entry's own keys on top).
public struct BatchFile: Sendable {
    public struct Target: Sendable, Hashable {
        public var name: String
        /// Absolute path (relative entries are resolved against the batch file's directory).
        public var path: String
        public var config: ScanConfig
        /// SHA-256 of the defaults and the entry as written: what the run's reuse key sees of the config.
        public var configDigest: String
        /// `audits.yml:12`, for messages.
        public var origin: String
    }

    /// The file's path, as given.
    public var file: String
    /// SHA-256 of its text.
    public var digest: String
    /// In the file's order, globs expanded (each glob's matches sorted by path).
    public var targets: [Target]
    /// Internal networks webhooks may reach (`webhooks.allow_networks`).
    public var webhookAllowedNetworks: [IPRange]
    /// Things to tell the user: globs that matched nothing.
    public var notes: [String]

    /// The targets of shard `index` of `count` (1-based): a target's shard depends only on its name, so
    /// adding or removing targets never moves the others, and every target is in exactly one shard.
    public func shard(_ index: Int, of count: Int) -> [Target] {
        guard count > 1 else { return targets }
        return targets.filter { BatchFile.shardIndex(of: $0.name, count: count) == index }
    }

    /// 1…count, from the first 8 bytes of SHA-256 of the name.
    public static func shardIndex(of name: String, count: Int) -> Int {
        let digest = ContentDigest.sha256(name)
        let value = UInt64(digest.prefix(16), radix: 16) ?? 0
        return Int(value % UInt64(count)) + 1
    }
}
