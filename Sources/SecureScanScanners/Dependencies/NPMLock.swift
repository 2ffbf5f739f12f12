import Foundation
import SecureScanCore

/// npm `package-lock.json` (lockfile versions 1, 2 and 3) and `npm-shrinkwrap.json`.
///
/// Versions 2 and 3 list every installed package under `packages` keyed by its `node_modules` path;
/// version 1 nests `dependencies`. Workspace packages (paths outside `node_modules`) are components too,
/// marked with their source (`workspace:packages/a`, or `file:../x` for a folder outside the workspace
/// globs), as are packages resolved from git or a local tarball; the root project and `link` entries
/// (symlinks to those folders) are not. Platform-specific packages keep their `os`/`cpu`/`libc` filters.
/// Dependency edges follow Node's resolution: a package's dependency is the nearest
/// `node_modules/<name>` up its path.
enum NPMLock {
    static let format = LockfileFormat(
        id: "npm-package-lock",
        matches: { name, _ in name == "package-lock.json" || name == "npm-shrinkwrap.json" },
        parse: parse)

    private struct Lockfile: Decodable {
        let lockfileVersion: Int?
        let packages: [String: Package]?
        let dependencies: [String: V1Dependency]?
    }

    private struct Package: Decodable {
        let name: String?
        let version: String?
        let resolved: String?
        let integrity: String?
        let link: Bool?
        let dev: Bool?
        let optional: Bool?
        let devOptional: Bool?
        let license: Licenses?
        let licenses: Licenses?
        let dependencies: [String: String]?
        let optionalDependencies: [String: String]?
        let devDependencies: [String: String]?
        let peerDependencies: [String: String]?
        let os: StringList?
        let cpu: StringList?
        let libc: StringList?
        let workspaces: PackageManifest.Workspaces?
    }

    /// `["darwin"]` as npm writes it, or a lone string as a hand-edited file may.
    private struct StringList: Decodable {
        let values: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) { values = list } else { values = [try container.decode(String.self)] }
        }
    }

    private final class V1Dependency: Decodable {
        let version: String?
        let integrity: String?
        let dev: Bool?
        let optional: Bool?
        let requires: [String: String]?
        let dependencies: [String: V1Dependency]?
    }

    /// `"MIT"`, `{"type": "MIT"}` (legacy), or an array of those.
    private struct Licenses: Decodable {
        let names: [String]

        init(from decoder: any Decoder) throws {
            struct Legacy: Decodable { let type: String? }
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                names = [text]
            } else if let legacy = try? container.decode(Legacy.self) {
                names = legacy.type.map { [$0] } ?? []
            } else if let texts = try? container.decode([String].self) {
                names = texts
            } else {
                names = try container.decode([Legacy].self).compactMap(\.type)
            }
        }
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        if let packages = lockfile.packages, (lockfile.lockfileVersion ?? 2) >= 2 {
            return fromPackages(packages, file: file)
        }
        return fromV1(lockfile.dependencies ?? [:], file: file)
    }

    /// The installed name: the last `node_modules/` segment, or for a workspace folder the name of the link
    /// that points at it. A workspace folder no link points at is not installed.
    private static func packageName(_ path: String, _ package: Package, linkNames: [String: String]) -> String? {
        if let range = path.range(of: "node_modules/", options: .backwards) { return String(path[range.upperBound...]) }
        return linkNames[path]
    }

    /// Workspace folder → the name its link gives it; installed location → purl (a link resolves to its
    /// workspace's purl), for dependency edges.
    private static func installed(_ packages: [String: Package]) -> (linkNames: [String: String], purlAt: [String: String]) {
        var linkNames: [String: String] = [:]
        for (path, package) in packages where package.link == true {
            if let resolved = package.resolved, !resolved.isEmpty, let range = path.range(of: "node_modules/", options: .backwards) {
                linkNames[resolved] = String(path[range.upperBound...])
            }
        }
        var purlAt: [String: String] = [:]
        for (path, package) in packages where !path.isEmpty && package.link != true {
            guard let name = packageName(path, package, linkNames: linkNames) else { continue }
            purlAt[path] = PackageURL.npm(name, package.version)
        }
        for (path, package) in packages where package.link == true {
            if let resolved = package.resolved, let purl = purlAt[resolved] { purlAt[path] = purl }
        }
        return (linkNames, purlAt)
    }

    /// Where a package that is not an ordinary registry download comes from, or nil.
    private static func source(_ path: String, _ package: Package, workspaces: [String]) -> String? {
        if !path.hasPrefix("node_modules/") && !path.contains("/node_modules/") {
            return (workspaces.contains { FileGlob.matches($0, path) } ? "workspace:" : "file:") + path
        }
        guard let resolved = package.resolved else { return nil }
        return resolved.hasPrefix("git") || resolved.hasPrefix("file:") || resolved.hasPrefix("github:") ? resolved : nil
    }

    private static func fromPackages(_ packages: [String: Package], file: ManifestFile) -> [Component] {
        let (linkNames, purlAt) = installed(packages)
        let workspaces = packages[""]?.workspaces?.globs ?? []
        var components: [Component] = []
        for (path, package) in packages.sorted(by: { $0.key < $1.key }) where !path.isEmpty && package.link != true {
            guard let name = packageName(path, package, linkNames: linkNames), let purl = purlAt[path] else { continue }
            let scope: Component.Scope = package.dev == true || package.devOptional == true ? .development
                : package.optional == true ? .optional : .required
            let licenses = (package.license?.names ?? []) + (package.licenses?.names ?? [])
            let wanted = Array((package.dependencies ?? [:]).keys) + Array((package.optionalDependencies ?? [:]).keys)
            let edges = wanted.compactMap { resolve($0, from: path, in: purlAt) }
            var properties = PlatformConstraints.properties(os: package.os?.values, cpu: package.cpu?.values, libc: package.libc?.values)
            properties[Component.Property.source] = source(path, package, workspaces: workspaces)
            components.append(Component(
                name: name, version: package.version ?? "", purl: purl, ecosystem: "npm",
                licenses: licenses.filter { !$0.isEmpty }, scope: scope, manifestPath: file.path,
                hashes: Integrity.hashes(package.integrity), dependsOn: Array(Set(edges)).sorted(), properties: properties))
        }
        return components
    }

    /// A workspace member's own dependency subtree (`member` is its folder, `packages/web`); nil when the
    /// lockfile does not list that folder (a version 1 lockfile has no workspaces).
    static func workspaceMember(_ file: ManifestFile, member: String) throws(ScannersError) -> [Component]? {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        guard let packages = lockfile.packages, let entry = packages[member], entry.link != true else { return nil }
        let components = fromPackages(packages, file: file)
        let (_, purlAt) = installed(packages)
        let wanted = Array((entry.dependencies ?? [:]).keys) + Array((entry.optionalDependencies ?? [:]).keys)
            + Array((entry.devDependencies ?? [:]).keys)
        let roots = wanted.compactMap { resolve($0, from: member, in: purlAt) }
        let own = purlAt[member]
        return WorkspaceLockfiles.subtree(components, roots: roots).filter { $0.purl != own }
    }

    /// Node's lookup: `<from>/node_modules/<name>`, then each ancestor's `node_modules`, then the top level.
    private static func resolve(_ name: String, from path: String, in purlAt: [String: String]) -> String? {
        var base = path
        while true {
            let candidate = (base.isEmpty ? "" : base + "/") + "node_modules/" + name
            if let purl = purlAt[candidate] { return purl }
            guard !base.isEmpty else { return nil }
            if let range = base.range(of: "/node_modules/", options: .backwards) {
                base = String(base[..<range.lowerBound])
            } else if base.hasPrefix("node_modules/") {
                base = ""
            } else {
                // A workspace folder: its own node_modules was tried; next is the root.
                base = ""
            }
        }
    }

    /// A version 1 `version`, or "" when it names a source rather than a version.
    private static func v1Version(_ written: String?) -> String {
        guard let written, !written.contains(":"), !written.contains("/") else { return "" }
        return written
    }

    private static func fromV1(_ dependencies: [String: V1Dependency], file: ManifestFile) -> [Component] {
        var components: [String: Component] = [:]
        func visit(_ level: [String: V1Dependency], scopeChain: [[String: String]]) {
            var visible = scopeChain
            visible.append(level.mapValues { v1Version($0.version) })
            for (name, dependency) in level.sorted(by: { $0.key < $1.key }) {
                // A git or local dependency's `version` is its source (`github:user/repo#sha`, `file:../x`).
                let written = dependency.version ?? ""
                let version = v1Version(written)
                let isSource = version != written
                let purl = PackageURL.npm(name, version)
                let edges = (dependency.requires ?? [:]).keys.compactMap { required -> String? in
                    let nested = dependency.dependencies?[required].map { v1Version($0.version) }
                    let inherited = visible.reversed().lazy.compactMap { $0[required] }.first
                    return (nested ?? inherited).map { PackageURL.npm(required, $0) }
                }
                let scope: Component.Scope = dependency.dev == true ? .development : dependency.optional == true ? .optional : .required
                components[purl] = Component(
                    name: name, version: version, purl: purl, ecosystem: "npm", scope: scope, manifestPath: file.path,
                    hashes: Integrity.hashes(dependency.integrity), dependsOn: Array(Set(edges)).sorted(),
                    properties: isSource ? [Component.Property.source: written] : [:])
                if let nested = dependency.dependencies { visit(nested, scopeChain: visible) }
            }
        }
        visit(dependencies, scopeChain: [])
        return components.values.sorted { $0.purl < $1.purl }
    }
}
