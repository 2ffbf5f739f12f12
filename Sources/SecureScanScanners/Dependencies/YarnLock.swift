import Foundation
import SecureScanCore

/// `yarn.lock`: yarn 1 (its own indented format) and yarn 2+ "berry" (YAML with `__metadata`).
///
/// Only registry packages are components: entries whose specifier uses another protocol (`file:`,
/// `link:`, `portal:`, `workspace:`, `git…:`, `github:`, `exec:`, unknown ones) are local or not
/// versioned by a registry and are left out. `patch:` entries count as the package they patch.
enum YarnLock {
    static let format = LockfileFormat(
        id: "yarn-lock", matches: { name, _ in name == "yarn.lock" }, parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        file.text.contains("__metadata:") ? try berry(file) : try classic(file)
    }

    /// A locked package before edges are resolved.
    private struct Entry {
        var name: String
        var version: String
        var specifiers: [String]
        var integrity: String?
        var dependencies: [(name: String, range: String)]
    }

    /// Splits `name@range` (the name may itself start with `@`).
    static func splitSpecifier(_ specifier: String) -> (name: String, range: String)? {
        let text = specifier.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let at = text.dropFirst().firstIndex(of: "@") else { return nil }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }

    /// Whether a range refers to a registry version (plain semver or `npm:`), rather than a local or VCS source.
    static func isRegistry(_ range: String) -> Bool {
        if range.hasPrefix("npm:") || range.hasPrefix("patch:") { return true }
        guard let colon = range.firstIndex(of: ":") else { return !range.contains("/") || range.hasPrefix("^") || range.hasPrefix("~") }
        let scheme = range[..<colon]
        return scheme.allSatisfy { $0.isNumber || $0 == "." || $0 == "x" || $0 == "*" }
    }

    // MARK: - yarn 1

    private static func classic(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var entries: [Entry] = []
        var current: Entry?
        var inDependencies = false
        for (number, rawLine) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.trimmingCharacters(in: .whitespaces)
            if indent == 0 {
                if let entry = current { entries.append(entry) }
                guard content.hasSuffix(":") else { throw file.invalid("expected a package specifier ending in ':'", line: number + 1) }
                let specifiers = content.dropLast().split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
                guard let first = specifiers.first.flatMap(splitSpecifier) else {
                    throw file.invalid("cannot read the package specifier \(content)", line: number + 1)
                }
                current = Entry(name: first.name, version: "", specifiers: specifiers, integrity: nil, dependencies: [])
                inDependencies = false
                continue
            }
            guard current != nil else { throw file.invalid("a field outside any package", line: number + 1) }
            if indent <= 2 {
                inDependencies = content == "dependencies:" || content == "optionalDependencies:"
                let (key, value) = keyValue(content)
                switch key {
                case "version": current?.version = value
                case "integrity": current?.integrity = value
                default: break
                }
            } else if inDependencies {
                let (key, value) = keyValue(content)
                current?.dependencies.append((key, value))
            }
        }
        if let entry = current { entries.append(entry) }
        return components(entries, file: file, rangeKey: { name, range in "\(name)@\(range)" })
    }

    /// `version "1.0.0"`, `"version" "1.0.0"`, `lodash "^4"`, `"@scope/x" "1"`.
    private static func keyValue(_ content: String) -> (String, String) {
        var rest = Substring(content)
        let key: Substring
        if rest.hasPrefix("\"") {
            rest = rest.dropFirst()
            key = rest.prefix(while: { $0 != "\"" })
            rest = rest.dropFirst(key.count + 1)
        } else {
            key = rest.prefix(while: { $0 != " " })
            rest = rest.dropFirst(key.count)
        }
        let value = rest.trimmingCharacters(in: CharacterSet(charactersIn: " \":"))
        return (String(key), value)
    }

    // MARK: - yarn berry

    private static func berry(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try YAMLTree.parse(file.text, file: file)
        var entries: [Entry] = []
        for (key, value) in document.pairs where key != "__metadata" {
            let specifiers = key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let resolution = value["resolution"]?.string ?? specifiers.first,
                  let resolved = splitSpecifier(resolution), let version = value["version"]?.string else {
                throw file.invalid("entry \(key) has no resolution or version")
            }
            var entry = Entry(name: resolved.name, version: version, specifiers: specifiers, integrity: nil, dependencies: [])
            entry.dependencies = value["dependencies"]?.pairs.compactMap { pair in pair.value.string.map { (pair.key, $0) } } ?? []
            // The resolution's protocol decides whether this is a registry package.
            if !isRegistry(resolved.range) || version.hasSuffix("-use.local") { entry.version = "" }
            entries.append(entry)
        }
        return components(entries, file: file) { name, range in
            "\(name)@\(range.hasPrefix("npm:") || !isRegistry(range) ? range : "npm:" + range)"
        }
    }

    // MARK: - Shared

    private static func components(_ entries: [Entry], file: ManifestFile, rangeKey: (String, String) -> String) -> [Component] {
        var purlBySpecifier: [String: String] = [:]
        for entry in entries where !entry.version.isEmpty {
            for specifier in entry.specifiers { purlBySpecifier[specifier] = PackageURL.npm(entry.name, entry.version) }
        }
        var components: [String: Component] = [:]
        for entry in entries where !entry.version.isEmpty {
            guard entry.specifiers.contains(where: { splitSpecifier($0).map { isRegistry($0.range) } ?? false }) else { continue }
            let purl = PackageURL.npm(entry.name, entry.version)
            let edges = entry.dependencies.compactMap { purlBySpecifier[rangeKey($0.name, $0.range)] }
            components[purl] = Component(
                name: entry.name, version: entry.version, purl: purl, ecosystem: "npm", manifestPath: file.path,
                hashes: Integrity.hashes(entry.integrity), dependsOn: Array(Set(edges)).sorted())
        }
        return components.values.sorted { $0.purl < $1.purl }
    }
}
