import Foundation
import SecureScanCore

/// `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.0.0`), 6.x (`/name@1.0.0`) and 9.x (`name@1.0.0`
/// with a separate `snapshots` graph).
///
/// A package locked from a tarball, git or `file:` source is named by its key and versioned by its own
/// `version` field when it has one, else left unversioned, and marked with its source (`file:../x`,
/// `link:../x`, the git repository and commit, the tarball URL); platform-specific packages keep their
/// `os`/`cpu`/`libc` filters. Development scope comes from the `dev` flag
/// (5, 6) or, for 9, from being reachable only from importers' `devDependencies`. With several YAML
/// documents (pnpm's own environment lockfile first), the last one is the project's.
enum PnpmLock {
    static let format = LockfileFormat(
        id: "pnpm-lock", matches: { name, _ in name == "pnpm-lock.yaml" }, parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        guard let document = try YAMLTree.parseAll(file.text, file: file).last else { return [] }
        let versionText = document["lockfileVersion"]?.string ?? "5"
        let major = Int(versionText.split(separator: ".").first ?? "5") ?? 5
        let packages = document["packages"]?.pairs ?? []

        var entries: [(key: String, name: String, version: String, value: YAMLTree)] = []
        for (key, value) in packages {
            // Tarball keys (`@codeload.github.com/…`) carry the name and version inside the entry.
            let parsed = splitKey(key, major: major)
            guard let name = value["name"]?.string ?? parsed?.0 else {
                throw file.invalid("cannot read the package key \(key) and the entry has no name")
            }
            let keyVersion = parsed?.1 ?? ""
            let version = value["version"]?.string ?? (isRegistryVersion(keyVersion) ? keyVersion : "")
            entries.append((key, name, version, value))
        }
        // Key (without peer suffix) → purl, for dependency edges.
        var purlByKey: [String: String] = [:]
        for entry in entries { purlByKey[normalizedKey(entry.key, major: major)] = PackageURL.npm(entry.name, entry.version.isEmpty ? nil : entry.version) }

        let graph = major >= 9 ? (document["snapshots"]?.pairs ?? []) : packages
        var edges: [String: [String]] = [:]
        for (key, value) in graph {
            let from = normalizedKey(key, major: major)
            let dependencies = (value["dependencies"]?.pairs ?? []) + (value["optionalDependencies"]?.pairs ?? [])
            edges[from, default: []] += dependencies.compactMap { dependency in
                guard let target = dependency.value.string else { return nil }
                return normalizedKey(reference(dependency.key, target, major: major), major: major)
            }
        }
        let development = major >= 9 ? developmentOnly(document, edges: edges, major: major) : []

        var components: [String: Component] = [:]
        for entry in entries {
            let key = normalizedKey(entry.key, major: major)
            guard let purl = purlByKey[key] else { continue }
            let isDev = major >= 9 ? development.contains(key) : entry.value["dev"]?.string == "true"
            let isOptional = entry.value["optional"]?.string == "true"
            var properties = PlatformConstraints.properties(
                os: list(entry.value["os"]), cpu: list(entry.value["cpu"]), libc: list(entry.value["libc"]))
            properties[Component.Property.source] = source(key: entry.key, major: major, resolution: entry.value["resolution"])
            components[purl] = Component(
                name: entry.name, version: entry.version, purl: purl, ecosystem: "npm",
                scope: isDev ? .development : isOptional ? .optional : .required, manifestPath: file.path,
                hashes: Integrity.hashes(entry.value["resolution"]?["integrity"]?.string),
                dependsOn: Array(Set((edges[key] ?? []).compactMap { purlByKey[$0] })).sorted(), properties: properties)
        }
        return components.values.sorted { $0.purl < $1.purl }
    }

    /// `[darwin]` or a lone `darwin`.
    private static func list(_ value: YAMLTree?) -> [String]? {
        guard let value else { return nil }
        if let single = value.string { return [single] }
        return value.items.compactMap(\.string)
    }

    /// Where a package that is not a registry download comes from: its `resolution`'s folder, git
    /// repository or non-registry tarball, or the key's own protocol (`file:`, `link:`).
    private static func source(key: String, major: Int, resolution: YAMLTree?) -> String? {
        if let directory = resolution?["directory"]?.string { return "file:" + directory }
        if let repository = resolution?["repo"]?.string {
            return (repository.hasPrefix("git") ? "" : "git+") + repository + (resolution?["commit"]?.string.map { "#" + $0 } ?? "")
        }
        if let tarball = resolution?["tarball"]?.string, tarball.hasPrefix("file:") || !tarball.contains("/-/") {
            // Registries serve tarballs at `<registry>/<name>/-/<name>-<version>.tgz`; anything else is a source.
            return tarball
        }
        guard let version = splitKey(key, major: major)?.1 ?? Optional(key), !isRegistryVersion(version) else { return nil }
        if let colon = version.firstIndex(of: ":"), !version[..<colon].contains("/") { return version }
        return version.hasPrefix("github.com/") || version.hasPrefix("codeload.github.com/") ? "https://" + version : nil
    }

    /// A workspace member's own dependency subtree, from its `importers` entry (`packages/web`); nil when
    /// the lockfile has no such importer.
    static func workspaceMember(_ file: ManifestFile, member: String) throws(ScannersError) -> [Component]? {
        guard let document = try YAMLTree.parseAll(file.text, file: file).last,
              let importer = document["importers"]?.pairs.first(where: { $0.key == member })?.value else { return nil }
        let major = Int((document["lockfileVersion"]?.string ?? "5").split(separator: ".").first ?? "5") ?? 5
        let components = try parse(file)
        var roots: [String] = []
        for section in ["dependencies", "optionalDependencies", "devDependencies"] {
            for (name, value) in importer[section]?.pairs ?? [] {
                guard let version = value["version"]?.string ?? value.string, !version.hasPrefix("link:") else { continue }
                let key = normalizedKey(reference(name, version, major: major), major: major)
                if let parsed = splitKey(key, major: major) {
                    let registry = isRegistryVersion(parsed.1)
                    if let match = components.first(where: { $0.name == parsed.0 && (!registry || $0.version == parsed.1) }) { roots.append(match.purl) }
                }
            }
        }
        return WorkspaceLockfiles.subtree(components, roots: roots)
    }

    /// `name` and the version part of a package key.
    static func splitKey(_ key: String, major: Int) -> (String, String)? {
        var text = key.hasPrefix("/") ? String(key.dropFirst()) : key
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        if major < 6 {
            // `@scope/name/1.0.0_peer@2`: the version is the last path segment, without the peer suffix.
            guard let slash = text.lastIndex(of: "/") else { return nil }
            var version = String(text[text.index(after: slash)...])
            if let underscore = version.firstIndex(of: "_") { version = String(version[..<underscore]) }
            return (String(text[..<slash]), version)
        }
        guard let at = text.dropFirst().firstIndex(of: "@") else { return nil }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }

    /// A key without its leading `/` and peer suffix, the form edges are matched on.
    private static func normalizedKey(_ key: String, major: Int) -> String {
        var text = key.hasPrefix("/") ? String(key.dropFirst()) : key
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        if major < 6, let slash = text.lastIndex(of: "/"), let underscore = text[slash...].firstIndex(of: "_") {
            text = String(text[..<underscore])
        }
        return text
    }

    /// The package key a dependency entry points at: `ms: 2.0.0` → `ms@2.0.0` (`/ms/2.0.0` before v6);
    /// an entry that already is a key path (`/@scope/x/1.0.0`, `@github.com/…`) is used as is.
    private static func reference(_ name: String, _ target: String, major: Int) -> String {
        if target.hasPrefix("/") || target.hasPrefix("link:") { return target }
        if target.hasPrefix(name + "@") { return target }
        return major < 6 ? "/\(name)/\(target)" : "\(name)@\(target)"
    }

    static func isRegistryVersion(_ version: String) -> Bool {
        guard let first = version.first, first.isNumber else { return false }
        return !version.contains(":") && !version.contains("/")
    }

    /// v9: packages reachable from importers' devDependencies but not from their other dependencies.
    private static func developmentOnly(_ document: YAMLTree, edges: [String: [String]], major: Int) -> Set<String> {
        var production: [String] = [], development: [String] = []
        for (_, importer) in document["importers"]?.pairs ?? [] {
            for section in ["dependencies", "optionalDependencies", "devDependencies"] {
                for (name, value) in importer[section]?.pairs ?? [] {
                    guard let version = value["version"]?.string ?? value.string else { continue }
                    let key = normalizedKey(reference(name, version, major: major), major: major)
                    if section == "devDependencies" { development.append(key) } else { production.append(key) }
                }
            }
        }
        return DependencyGraph.developmentOnly(production: production, development: development, edges: edges)
    }
}
