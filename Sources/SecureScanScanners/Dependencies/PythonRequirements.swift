import Foundation
import SecureScanCore

/// pip `requirements*.txt`: pinned (`==`, `===`) requirements are components; a requirement with only a
/// lower bound (`>=`, `~=`, `>`) is a component at that minimum, the lowest version it may resolve to.
/// Extras, environment markers, hashes and line continuations are understood; `-r`/`--requirement`
/// includes are followed (once each); options, URLs, editable installs and unversioned names are skipped.
enum PythonRequirements {
    static let format = LockfileFormat(
        id: "pip-requirements",
        matches: { name, _ in
            let lowered = name.lowercased()
            return lowered.hasSuffix(".txt") && (lowered.hasPrefix("requirements") || lowered.hasSuffix("requirements.txt")
                || lowered.hasPrefix("constraints"))
        },
        parse: { file throws(ScannersError) in try parse(file, visited: [file.path]) })

    static func parse(_ file: ManifestFile, visited: Set<String>) throws(ScannersError) -> [Component] {
        var components: [String: Component] = [:]
        var visited = visited
        for line in logicalLines(file.text) {
            if let include = includedFile(line) {
                guard visited.insert(include).inserted, let text = file.readRelative(include) else { continue }
                let nested = ManifestFile(path: include, text: text, readRelative: file.readRelative)
                for component in try parse(nested, visited: visited) {
                    var component = component
                    component.manifestPath = file.path
                    components[component.purl] = component
                }
                continue
            }
            guard let requirement = requirement(line) else { continue }
            let purl = PackageURL.pypi(requirement.name, requirement.version)
            components[purl] = Component(
                name: requirement.name, version: requirement.version, purl: purl, ecosystem: "PyPI",
                manifestPath: file.path, hashes: requirement.hashes)
        }
        return components.values.sorted { $0.purl < $1.purl }
    }

    /// Lines with `\\` continuations joined and comments removed.
    static func logicalLines(_ text: String) -> [String] {
        var lines: [String] = []
        var pending = ""
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            // A comment starts at `#`, except in a URL (`…#egg=name`), which this reader skips anyway.
            if let hash = line.firstIndex(of: "#"), !line[..<hash].contains("://") { line = String(line[..<hash]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            lines.append(pending + line)
            pending = ""
        }
        if !pending.isEmpty { lines.append(pending) }
        return lines.filter { !$0.isEmpty }
    }

    private static func includedFile(_ line: String) -> String? {
        for option in ["-r ", "--requirement ", "--requirement=", "-c ", "--constraint ", "--constraint="] where line.hasPrefix(option) {
            return line.dropFirst(option.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    struct Requirement {
        var name: String
        var version: String
        var hashes: [String: String]
    }

    /// One requirement line, or nil when it pins no version.
    static func requirement(_ line: String) -> Requirement? {
        guard !line.hasPrefix("-"), !line.contains("://") || line.contains(" @ ") == false else { return nil }
        var hashes: [String: String] = [:]
        var parts: [Substring] = []
        for token in line.split(separator: " ") {
            if token.hasPrefix("--hash=") {
                let value = token.dropFirst("--hash=".count)
                if let colon = value.firstIndex(of: ":") {
                    let algorithm = value[..<colon].uppercased().replacingOccurrences(of: "SHA", with: "SHA-")
                    if hashes[algorithm] == nil { hashes[algorithm] = String(value[value.index(after: colon)...]) }
                }
            } else if !token.hasPrefix("--") {
                parts.append(token)
            }
        }
        var specification = parts.joined(separator: " ")
        if let semicolon = specification.firstIndex(of: ";") { specification = String(specification[..<semicolon]) }
        specification = specification.replacingOccurrences(of: " ", with: "")
        guard let nameEnd = specification.firstIndex(where: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else { return nil }
        let name = String(specification[..<nameEnd])
        guard !name.isEmpty, name.first!.isLetter || name.first!.isNumber else { return nil }
        var constraints = specification[nameEnd...]
        if constraints.hasPrefix("[") {
            guard let close = constraints.firstIndex(of: "]") else { return nil }
            constraints = constraints[constraints.index(after: close)...]
        }
        guard let version = version(from: String(constraints)) else { return nil }
        return Requirement(name: name, version: version, hashes: hashes)
    }

    /// The pinned version, or the lower bound of a range; nil for anything else.
    static func version(from constraints: String) -> String? {
        let clauses = constraints.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var lowerBound: String?
        for clause in clauses {
            for (op, isPin) in [("===", true), ("==", true), ("~=", false), (">=", false), ("!=", false), ("<=", false), (">", false), ("<", false)]
            where clause.hasPrefix(op) {
                let value = String(clause.dropFirst(op.count))
                if isPin {
                    if !value.contains("*") { return isVersion(value) ? value : nil }
                    // `2.0.*` → 2.0.0; a wildcard anywhere else (`5.*.*`, `4.*.1`) pins nothing.
                    let pieces = value.split(separator: ".")
                    if pieces.last == "*", pieces.dropLast().allSatisfy({ $0 != "*" }), pieces.count >= 2 {
                        lowerBound = lowerBound ?? (pieces.dropLast().joined(separator: ".") + ".0")
                    }
                } else if op == "~=" || op == ">=" || op == ">" {
                    if isVersion(value) { lowerBound = value }
                }
                break
            }
        }
        return lowerBound
    }

    private static func isVersion(_ text: String) -> Bool {
        guard let first = text.first, first.isNumber else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || ".+-!_".contains($0) }
    }
}
