import Foundation
import SecureScanCore

/// Go modules: `go.mod` (requirements with `replace` directives applied) and `go.sum`.
///
/// The main module itself is a component without a version; the toolchain is a `stdlib` component when
/// a `toolchain` directive pins it. A `replace` with a local path removes the module (it is built from the
/// tree, not fetched); a `replace` whose left side names a version applies only to that version.
enum GoModules {
    static let mod = LockfileFormat(id: "go-mod", matches: { name, _ in name == "go.mod" }, parse: parseMod)
    static let sum = LockfileFormat(id: "go-sum", matches: { name, _ in name == "go.sum" }, parse: parseSum)

    static func purl(_ path: String, _ version: String?) -> String {
        PackageURL.pathed(type: "golang", path, version)
    }

    static func parseMod(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var module: String?
        var toolchain: String?
        var requires: [(path: String, version: String)] = []
        var replaces: [(path: String, version: String?, newPath: String, newVersion: String?)] = []
        var block: String?
        for (number, raw) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if block != nil, line == ")" {
                block = nil
                continue
            }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            var directive = block
            if block == nil {
                directive = words.removeFirst()
                if words == ["("] {
                    block = directive
                    continue
                }
            }
            switch directive {
            case "module": module = words.first
            case "toolchain": toolchain = words.first
            case "require":
                guard words.count >= 2 else { throw file.invalid("require needs a module path and a version", line: number + 1) }
                requires.append((words[0], words[1]))
            case "replace":
                guard let arrow = words.firstIndex(of: "=>"), arrow >= 1, arrow + 1 < words.count else {
                    throw file.invalid("replace needs `old => new`", line: number + 1)
                }
                replaces.append((words[0], arrow == 2 ? words[1] : nil, words[arrow + 1], arrow + 2 < words.count ? words[arrow + 2] : nil))
            default: break
            }
        }
        var components: [Component] = []
        if let module { components.append(Component(name: module, version: "", purl: purl(module, nil), ecosystem: "Go", manifestPath: file.path)) }
        if let toolchain, toolchain.hasPrefix("go") {
            let version = "v" + toolchain.dropFirst(2)
            components.append(Component(name: "stdlib", version: version, purl: purl("stdlib", version), ecosystem: "Go", manifestPath: file.path))
        }
        for requirement in requires {
            var (path, version) = (requirement.path, requirement.version)
            if let replacement = replaces.last(where: { $0.path == path && ($0.version == nil || $0.version == version) }) {
                if replacement.newPath.hasPrefix(".") || replacement.newPath.hasPrefix("/") { continue }
                path = replacement.newPath
                version = replacement.newVersion ?? version
            }
            components.append(Component(name: path, version: version, purl: purl(path, version), ecosystem: "Go", manifestPath: file.path))
        }
        return components
    }

    /// `go.sum`: one component per module, at the highest version the file has a checksum for. go.sum keeps
    /// checksums of every version minimal version selection looked at; the build uses the highest of them.
    /// The `h1:` checksums are digests of a file listing, not of an artifact, so they are not reported as hashes.
    static func parseSum(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var chosen: [String: SemanticVersion] = [:]
        for (number, raw) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty { continue }
            guard words.count == 3 else { throw file.invalid("expected `module version hash`", line: number + 1) }
            let version = words[1].hasSuffix("/go.mod") ? String(words[1].dropLast("/go.mod".count)) : String(words[1])
            guard let order = SemanticVersion(version) else { throw file.invalid("`\(version)` is not a module version", line: number + 1) }
            let path = String(words[0])
            if let current = chosen[path], !(current < order) { continue }
            chosen[path] = order
        }
        return chosen.keys.sorted().map { path in
            let version = chosen[path]!.description
            return Component(name: path, version: version, purl: purl(path, version), ecosystem: "Go", manifestPath: file.path)
        }
    }
}
