import SecureScanCore

/// Shared by the dependency auditors that run once per manifest: which manifests the tree has and where
/// each one's audit runs.
enum ManifestAudit {
    /// Target-relative paths of files named one of `names` (or matching `matches`), outside vendored trees.
    static func manifests(in target: ScanTarget, names: Set<String>, matches: (String) -> Bool = { _ in false }) -> [String] {
        target.tree.files.map(\.path).filter { path in
            let parts = path.split(separator: "/")
            guard let name = parts.last.map(String.init), !parts.contains("node_modules") else { return false }
            return names.contains(name) || matches(name)
        }.sorted()
    }

    /// The directory part of a target-relative path, as an absolute path under the root.
    static func directory(of path: String, in target: ScanTarget) -> String {
        guard let slash = path.lastIndex(of: "/") else { return target.root }
        return target.absolutePath(String(path[..<slash]))
    }

    /// `requirements.txt`, `requirements-dev.txt`, `requirements/base.txt`…: pip requirement files.
    static func requirements(in target: ScanTarget) -> [String] {
        manifests(in: target, names: []) { name in name.hasPrefix("requirements") && name.hasSuffix(".txt") }
            + target.tree.files.map(\.path).filter { $0.hasPrefix("requirements/") && $0.hasSuffix(".txt") && $0.split(separator: "/").count == 2
                && !($0.split(separator: "/").last?.hasPrefix("requirements") ?? false) }
    }
}
