import Foundation
import SecureScanCore

/// Go modules: `go.mod` (requirements with `replace` directives applied) and `go.sum`.
///
/// The main module itself is a component without a version; the toolchain is a `stdlib` component when
/// a `toolchain` directive pins it. A `replace` with a local path keeps the module without a version,
/// marked with its folder as source (it is built from the tree, not fetched, so no advisory applies);
/// a `replace` whose left side names a version applies only to that version.
enum GoModules {
    static let mod = LockfileFormat(id: "go-mod", matches: { name, _ in name == "go.mod" }, parse: parseMod)
    static let sum = LockfileFormat(id: "go-sum", matches: { name, _ in name == "go.sum" }, parse: parseSum)

    static func purl(_ path: String, _ version: String?) -> String {
        PackageURL.pathed(type: "golang", path, version)
    }

    /// A `replace old [version] => new [version]` directive; `new` is a module path or a local folder.
    struct Replace: Sendable {
        var path: String
        var version: String?
        var newPath: String
        var newVersion: String?

        var isLocal: Bool { newPath.hasPrefix(".") || newPath.hasPrefix("/") }

        func applies(to path: String, version: String) -> Bool {
            self.path == path && (self.version == nil || self.version == version)
        }
    }

    /// The directives of a `go.mod` or `go.work`: name, words and 1-based line, blocks (`require ( … )`)
    /// expanded, comments and quotes removed.
    static func directives(_ file: ManifestFile) -> [(name: String, words: [String], line: Int)] {
        var directives: [(String, [String], Int)] = []
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
            directives.append((directive ?? "", words, number + 1))
        }
        return directives
    }

    static func replace(_ words: [String], line: Int, in file: ManifestFile) throws(ScannersError) -> Replace {
        guard let arrow = words.firstIndex(of: "=>"), arrow >= 1, arrow + 1 < words.count else {
            throw file.invalid("replace needs `old => new`", line: line)
        }
        return Replace(path: words[0], version: arrow == 2 ? words[1] : nil, newPath: words[arrow + 1],
                       newVersion: arrow + 2 < words.count ? words[arrow + 2] : nil)
    }

    /// A module after a replacement: another module at its version, or a local folder (a component
    /// without a version, marked with its source and never matched against advisories).
    static func replaced(_ path: String, _ version: String, by replacement: Replace, manifestPath: String) -> Component {
        if replacement.isLocal {
            return Component(name: path, version: "", purl: purl(path, nil), ecosystem: "Go", manifestPath: manifestPath,
                             properties: [Component.Property.source: "file:" + replacement.newPath])
        }
        let version = replacement.newVersion ?? version
        return Component(name: replacement.newPath, version: version, purl: purl(replacement.newPath, version), ecosystem: "Go", manifestPath: manifestPath)
    }

    static func parseMod(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var module: String?
        var toolchain: String?
        var requires: [(path: String, version: String)] = []
        var replaces: [Replace] = []
        for directive in directives(file) {
            let words = directive.words
            switch directive.name {
            case "module": module = words.first
            case "toolchain": toolchain = words.first
            case "require":
                guard words.count >= 2 else { throw file.invalid("require needs a module path and a version", line: directive.line) }
                requires.append((words[0], words[1]))
            case "replace": replaces.append(try replace(words, line: directive.line, in: file))
            default: break
            }
        }
        var components: [Component] = []
        if let module { components.append(Component(name: module, version: "", purl: purl(module, nil), ecosystem: "Go", manifestPath: file.path)) }
        if let toolchain, toolchain.hasPrefix("go") {
            let version = "v" + toolchain.dropFirst(2)
            components.append(Component(name: "stdlib", version: version, purl: purl("stdlib", version), ecosystem: "Go", manifestPath: file.path))
        }
        for (path, version) in requires {
            if let replacement = replaces.last(where: { $0.applies(to: path, version: version) }) {
                components.append(replaced(path, version, by: replacement, manifestPath: file.path))
            } else {
                components.append(Component(name: path, version: version, purl: purl(path, version), ecosystem: "Go", manifestPath: file.path))
            }
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
