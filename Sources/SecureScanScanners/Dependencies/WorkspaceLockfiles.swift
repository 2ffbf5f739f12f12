import Foundation
import SecureScanCore

/// A workspace member scanned on its own: `packages/web` of an npm or pnpm workspace, or a crate of a Cargo
/// workspace, whose lockfile lives in an ancestor folder. When the target's top level has the member's
/// manifest (`package.json`, `Cargo.toml`) and no lockfile of its family, the nearest ancestor's lockfile
/// (within the repository, at most eight folders up) is read, and only the member's own dependency subtree
/// is reported, each component's manifest path pointing at the ancestor's lockfile (`../../package-lock.json`).
enum WorkspaceLockfiles {
    struct Family {
        var manifest: String
        /// Lockfiles of this family that make the target self-contained.
        var ownLockfiles: [String]
        /// Ancestor lockfiles read for a member, in order of preference.
        var workspaceLockfiles: [String]
    }

    static let families = [
        Family(manifest: "package.json", ownLockfiles: ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock"],
               workspaceLockfiles: ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"]),
        Family(manifest: "Cargo.toml", ownLockfiles: ["Cargo.lock"], workspaceLockfiles: ["Cargo.lock"]),
    ]

    static let maximumDepth = 8

    static func catalog(_ target: ScanTarget) -> (components: [Component], notes: [String]) {
        let topLevel = Set(target.tree.files.filter { !$0.path.contains("/") }.map(\.path))
        var components: [Component] = []
        var notes: [String] = []
        for family in families where topLevel.contains(family.manifest) && !family.ownLockfiles.contains(where: topLevel.contains) {
            guard let (lockfile, member) = ancestorLockfile(of: target.root, names: family.workspaceLockfiles) else { continue }
            let relative = String(repeating: "../", count: member.split(separator: "/").count) + lockfile.lastPathComponent
            guard let text = try? String(contentsOf: lockfile, encoding: .utf8) else {
                notes.append("\(relative): the workspace's lockfile could not be read")
                continue
            }
            do {
                let file = ManifestFile(path: relative, text: text)
                let subtree: [Component]?
                switch lockfile.lastPathComponent {
                case "package-lock.json": subtree = try NPMLock.workspaceMember(file, member: member)
                case "pnpm-lock.yaml": subtree = try PnpmLock.workspaceMember(file, member: member)
                case "yarn.lock":
                    let text = (try? String(contentsOfFile: target.root + "/package.json", encoding: .utf8)) ?? "{}"
                    subtree = try YarnLock.workspaceMember(file, manifest: ManifestFile(path: "package.json", text: text))?.components
                default:
                    let text = (try? String(contentsOfFile: target.root + "/Cargo.toml", encoding: .utf8)) ?? ""
                    subtree = try cargoMember(file, manifest: ManifestFile(path: "Cargo.toml", text: text))
                }
                guard let subtree else {
                    notes.append("\(relative) does not list \(member) as a workspace member; its dependencies are not read")
                    continue
                }
                components += subtree
                notes.append("\(member) is a member of the workspace at \(relative.dropLast(lockfile.lastPathComponent.count)): its \(subtree.count) dependencies come from \(relative)")
            } catch {
                notes.append(error.description)
            }
        }
        return (components, notes)
    }

    /// The nearest ancestor folder with one of `names`, and the target's path below it (`packages/web`).
    /// The search stops at the repository's top (the folder with `.git`) and after eight folders.
    static func ancestorLockfile(of root: String, names: [String]) -> (URL, member: String)? {
        var directory = URL(fileURLWithPath: root).standardizedFileURL
        var member: [String] = []
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) { return nil }
        for _ in 0..<maximumDepth {
            member.insert(directory.lastPathComponent, at: 0)
            let parent = directory.deletingLastPathComponent()
            guard parent.path != directory.path else { return nil }
            directory = parent
            for name in names {
                let candidate = directory.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: candidate.path) { return (candidate, member.joined(separator: "/")) }
            }
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) { return nil }
        }
        return nil
    }

    /// The components reachable from `roots` through `dependsOn`, in purl order.
    static func subtree(_ components: [Component], roots: [String]) -> [Component] {
        let byPurl = Dictionary(components.map { ($0.purl, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>(), queue = roots
        while let purl = queue.popLast() {
            guard seen.insert(purl).inserted, let component = byPurl[purl] else { continue }
            queue += component.dependsOn
        }
        return components.filter { seen.contains($0.purl) }.sorted { $0.purl < $1.purl }
    }

    /// A Cargo workspace member: the crate its `Cargo.toml`'s `[package] name` names, and what it depends on
    /// (not itself).
    static func cargoMember(_ file: ManifestFile, manifest: ManifestFile) throws(ScannersError) -> [Component]? {
        guard let name = try PythonTOMLLocks.document(manifest)["package"]?["name"]?.string else { return nil }
        let components = try CargoLock.parse(file)
        guard let crate = components.first(where: { $0.name == name }) else { return nil }
        return subtree(components, roots: crate.dependsOn)
    }
}
