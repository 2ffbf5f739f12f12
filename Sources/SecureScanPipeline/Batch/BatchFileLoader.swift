#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SecureScanCore
import SecureScanScanners
import Yams

/// Reads a batch file: the schema of `securescan.yml` around a list of targets.
///
/// ```yaml
/// version: 1
/// defaults:                     # any scanning key of securescan.yml
///   scanners: [secrets, dependencies, osv]
///   policy: {fail_on_new: high}
/// targets:
///   - path: services/api        # relative to this file
///     name: api
///   - glob: /srv/repos/*        # every matching directory, named after it
///     exclude: ["testdata/"]    # entry keys add to or replace the defaults
/// webhooks:
///   allow_networks: [10.20.0.0/16]
/// ```
///
/// Every error names the file, the line and the key, like the config file's.
public struct BatchFileLoader: Sendable {
    public var knownScanners: [String]
    public var optionKeys: [String: [String]]

    public init(knownScanners: [String], optionKeys: [String: [String]] = [:]) {
        self.knownScanners = knownScanners
        self.optionKeys = optionKeys
    }

    public init(scanners: [any ScannerAdapter]) {
        let loader = ConfigLoader(scanners: scanners)
        self.init(knownScanners: loader.knownScanners, optionKeys: loader.optionKeys)
    }

    static let topLevelKeys = ["version", "defaults", "targets", "webhooks"]
    static let entryKeys = ["name", "path", "glob"] + ConfigLoader.scanKeys

    public func load(file: String) throws(PipelineError) -> BatchFile {
        let text = try ConfigLoader.text(of: file)
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        return try parse(text, file: file, base: base.path)
    }

    /// Parses batch-file text; relative paths are resolved against `base`.
    public func parse(_ text: String, file: String, base: String) throws(PipelineError) -> BatchFile {
        let root = try ConfigLoader.compose(text, file: file)
        let reader = NodeReader(file: file)
        guard let root else { throw .config(file: file, line: nil, column: nil, message: "the batch file is empty: it needs a targets list") }
        let mapping = try reader.mapping(root, key: "top level")
        try reader.rejectUnknownKeys(mapping, known: Self.topLevelKeys, in: "the top level of a batch file")
        let loader = ConfigLoader(knownScanners: knownScanners, optionKeys: optionKeys)
        var defaults = ScanConfig()
        var defaultsText = ""
        var entries: [Node] = []
        var targetsNode: Node?
        var allowed: [IPRange] = []
        for (keyNode, value) in mapping {
            switch keyNode.string ?? "" {
            case "version":
                let version = try reader.integer(value, key: "version")
                guard version == 1 else { throw reader.error(value, "unsupported version \(version) (this SecureScan reads version 1)") }
            case "defaults":
                let section = try reader.mapping(value, key: "defaults")
                try reader.rejectUnknownKeys(section, known: ConfigLoader.scanKeys, in: "defaults")
                try loader.apply(section, to: &defaults, reader: reader)
                defaultsText = Self.canonical(value)
            case "targets":
                targetsNode = value
                entries = try reader.sequence(value, key: "targets")
            case "webhooks": allowed += try ConfigLoader.allowedNetworks(value, reader: reader)
            default: break
            }
        }
        guard let targetsNode else { throw reader.error(root, "a batch file needs a targets list") }
        guard !entries.isEmpty else { throw reader.error(targetsNode, "targets is empty: list at least one path or glob") }
        var targets: [BatchFile.Target] = []
        var origins: [String: String] = [:]
        var notes: [String] = []
        for entry in entries {
            let section = try reader.mapping(entry, key: "a targets entry")
            try reader.rejectUnknownKeys(section, known: Self.entryKeys, in: "a targets entry")
            var values: [String: Node] = [:]
            for (keyNode, value) in section { values[keyNode.string ?? ""] = value }
            let line = entry.mark.map { "\(file):\($0.line)" } ?? file
            var config = defaults
            let own = Node.Mapping(section.filter { ConfigLoader.scanKeys.contains($0.key.string ?? "") })
            try loader.apply(own, to: &config, reader: reader)
            // Lists of exclusions and suppressions add to the defaults; everything else replaces them.
            if values["exclude"] != nil { config.exclude = defaults.exclude + config.exclude }
            if values["suppressions"] != nil { config.suppressions = defaults.suppressions + config.suppressions }
            // A baseline path is relative to the batch file, like the targets' paths.
            config.baseline = config.baseline.map { Self.resolve($0, base: base) }
            let digest = ContentDigest.sha256(defaultsText + "\u{0}" + Self.canonical(Node.mapping(own)))
            let paths: [(path: String, name: String?)]
            switch (values["path"], values["glob"]) {
            case (let path?, nil):
                let text = try reader.string(path, key: "path")
                guard !text.isEmpty else { throw reader.error(path, "path must not be empty") }
                var name: String?
                if let nameNode = values["name"] {
                    let given = try reader.string(nameNode, key: "name")
                    if let problem = TargetConfig.nameProblem(given) { throw reader.error(nameNode, problem) }
                    name = given
                }
                paths = [(Self.resolve(text, base: base), name)]
            case (nil, let glob?):
                if let nameNode = values["name"] { throw reader.error(nameNode, "a glob entry names its targets after their directories; name goes with path") }
                let pattern = try reader.string(glob, key: "glob")
                let matches = Self.expand(Self.resolve(pattern, base: base))
                if matches.isEmpty { notes.append("\(line): glob \(pattern) matched no directory") }
                paths = matches.map { ($0, nil) }
            case (_?, _?):
                throw reader.error(entry, "a targets entry has either path or glob, not both")
            case (nil, nil):
                throw reader.error(entry, "a targets entry needs a path or a glob")
            }
            for (path, given) in paths {
                let name = given ?? TargetConfig.derivedName(from: URL(fileURLWithPath: path).lastPathComponent)
                if let first = origins[name] {
                    throw reader.error(entry, "two targets are named '\(name)' (\(first) and \(path)); give one a name with a path entry")
                }
                origins[name] = path
                targets.append(BatchFile.Target(name: name, path: path, config: config, configDigest: digest, origin: line))
            }
        }
        return BatchFile(file: file, digest: ContentDigest.sha256(text), targets: targets, webhookAllowedNetworks: allowed, notes: notes)
    }

    /// `~`, and paths relative to the batch file.
    static func resolve(_ path: String, base: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") { path = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst() }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// The directories a shell-style pattern matches, sorted (glob(3): `*`, `?`, `[…]`).
    static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, GLOB_ONLYDIR | GLOB_MARK, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let pointer = result.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            // GLOB_MARK appends `/` to directories; GLOB_ONLYDIR is only a hint.
            guard path.hasSuffix("/") else { continue }
            paths.append(String(path.dropLast()))
        }
        return paths.sorted()
    }

    /// A node as stable text (for digests): Yams' serialization with sorted keys.
    static func canonical(_ node: Node) -> String {
        (try? Yams.serialize(node: node, sortKeys: true)) ?? ""
    }
}
