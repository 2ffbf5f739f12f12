import Foundation
import SecureScanCore

/// Go workspaces (`go.work`): the modules it `use`s are built together, so a module's requirement on
/// another member is that member's folder (marked `workspace:<folder>`, no version, never matched against
/// advisories), and the workspace's `replace` directives override the members' own.
///
/// Applied to the components already read from each member's `go.mod`: for every `go.work` in the tree, and,
/// when the target is a member scanned alone, for the nearest ancestor's (within the repository).
enum GoWorkspace {
    struct Work {
        /// The `go.work`'s path, relative to the target (`go.work`, `../../go.work`).
        var path: String
        /// Member folders relative to the target (`services/api`, `` for the target itself, `../lib`).
        var members: [String]
        /// Member folder → its module path, for members whose `go.mod` could be read.
        var modules: [String: String]
        var replaces: [GoModules.Replace]
        /// A folder as the go.work writes it → relative to the target.
        var place: (String) -> String
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> (uses: [String], replaces: [GoModules.Replace]) {
        var uses: [String] = [], replaces: [GoModules.Replace] = []
        for directive in GoModules.directives(file) {
            switch directive.name {
            case "use":
                guard let folder = directive.words.first else { throw file.invalid("use needs a folder", line: directive.line) }
                uses.append(folder)
            case "replace": replaces.append(try GoModules.replace(directive.words, line: directive.line, in: file))
            default: break
            }
        }
        return (uses, replaces)
    }

    /// `a/./b/../c` → `a/c`, keeping leading `..`s; "" for the folder itself.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    static func modulePath(ofGoMod text: String) -> String? {
        GoModules.directives(ManifestFile(path: "go.mod", text: text)).first { $0.name == "module" }?.words.first
    }

    /// The workspaces that apply to the target, and notes for those that could not be read.
    static func workspaces(of target: ScanTarget) -> (works: [Work], notes: [String]) {
        // Each go.work's path and how a folder it names is written relative to the target.
        var located: [(path: String, place: (String) -> String)] = target.tree.files.filter { $0.name == "go.work" }.map { file in
            let folder = String(file.path.dropLast("go.work".count))
            return (file.path, { normalize(folder + $0) })
        }
        let topLevelModule = target.tree.files.contains { $0.path == "go.mod" }
        if topLevelModule, !located.contains(where: { $0.path == "go.work" }),
           let (url, member) = WorkspaceLockfiles.ancestorLockfile(of: target.root, names: ["go.work"]) {
            let up = String(repeating: "../", count: member.split(separator: "/").count)
            located.append((up + url.lastPathComponent, { path in
                let placed = relative(normalize(path), from: member)
                return placed == "." ? "" : placed
            }))
        }
        var works: [Work] = [], notes: [String] = []
        for (path, place) in located {
            let absolute = URL(fileURLWithPath: target.root).appendingPathComponent(path).standardizedFileURL.path
            guard let text = try? String(contentsOfFile: absolute, encoding: .utf8) else {
                notes.append("\(path) could not be read; its workspace is not applied")
                continue
            }
            do {
                let (uses, replaces) = try parse(ManifestFile(path: path, text: text))
                var work = Work(path: path, members: [], modules: [:], replaces: replaces, place: place)
                for use in uses {
                    let member = place(use)
                    work.members.append(member)
                    let goMod = URL(fileURLWithPath: target.root).appendingPathComponent(member).appendingPathComponent("go.mod").standardizedFileURL.path
                    if let module = (try? String(contentsOfFile: goMod, encoding: .utf8)).flatMap(modulePath) { work.modules[member] = module }
                }
                works.append(work)
            } catch {
                notes.append(error.description + "; the workspace is not applied")
            }
        }
        return (works, notes)
    }

    /// The components with each workspace applied to its members' `go.mod` components.
    static func apply(_ works: [Work], to components: [Component]) -> (components: [Component], notes: [String]) {
        var result = components
        var notes: [String] = []
        for work in works {
            let memberFolder = Dictionary(work.modules.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            let goMods = Set(work.members.map { $0.isEmpty ? "go.mod" : $0 + "/go.mod" })
            var changed = 0
            for index in result.indices where goMods.contains(result[index].manifestPath) {
                let component = result[index]
                var folder = String(component.manifestPath.dropLast("go.mod".count))
                if folder.hasSuffix("/") { folder.removeLast() }
                guard component.name != work.modules[folder], component.name != "stdlib" else { continue }
                if let member = memberFolder[component.name] {
                    result[index] = Component(
                        name: component.name, version: "", purl: GoModules.purl(component.name, nil), ecosystem: "Go",
                        manifestPath: component.manifestPath, properties: [Component.Property.source: "workspace:" + relative(member, from: folder)])
                    changed += 1
                } else if let replacement = work.replaces.last(where: { $0.applies(to: component.name, version: component.version) }) {
                    var updated = GoModules.replaced(component.name, component.version, by: replacement, manifestPath: component.manifestPath)
                    if replacement.isLocal {
                        // The folder is relative to the go.work, not to the member.
                        updated.properties[Component.Property.source] = "file:" + relative(work.place(replacement.newPath), from: folder)
                    }
                    result[index] = updated
                    changed += 1
                }
            }
            let members = work.members.map { $0.isEmpty ? "." : $0 }.joined(separator: ", ")
            notes.append("\(work.path): a Go workspace of \(work.members.count) \(work.members.count == 1 ? "module" : "modules") (\(members)); \(changed) \(changed == 1 ? "requirement" : "requirements") resolved to workspace members or its replacements")
        }
        return (result, notes)
    }

    /// `to`, written relative to the folder `from` (both relative to the target).
    static func relative(_ to: String, from: String) -> String {
        let target = to.split(separator: "/"), base = from.split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let path = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return path.isEmpty ? "." : path.joined(separator: "/")
    }
}
