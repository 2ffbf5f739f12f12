import Foundation
import SecureScanCore

/// `yarn.lock`: yarn 1 (its own indented format) and yarn 2+ "berry" (YAML with `__metadata`).
///
/// Registry packages are components as before; packages from another source (`file:`, `link:`, `portal:`,
/// `exec:`, a workspace member, git, a tarball URL) are components too, marked with that source and never
/// matched against registry advisories; `patch:` entries count as the package they patch; the root
/// workspace (`workspace:.`) is the project itself; an entry of an unknown protocol is a named skip.
/// Berry's `conditions` mark platform-specific packages.
///
/// With the `package.json` beside it (and, for workspaces, each member's), the scopes follow what the
/// project declares (development, optional) and the lockfile is checked against it: a declared
/// dependency the lockfile lacks is inventoried without a version and marked `missing`, and locked
/// packages nothing declares any more are a note.
enum YarnLock {
    static let format = LockfileFormat(id: "yarn-lock", matches: { name, _ in name == "yarn.lock" }, read: read)

    /// A locked package as written.
    struct Entry {
        var name: String
        var version: String
        /// Descriptors the entry resolves (`lodash@^4.17.0`; berry `lodash@npm:^4.17.0`).
        var specifiers: [String]
        /// The range part of the resolution (berry) or of the first specifier (yarn 1): its protocol
        /// decides the source.
        var resolution: String
        /// yarn 1's `resolved` URL or path.
        var resolved: String?
        var integrity: String?
        var dependencies: [(name: String, range: String, optional: Bool)]
        var conditions: String?
    }

    /// Where an entry comes from.
    enum Source: Equatable {
        case registry
        /// The project itself (`workspace:.`).
        case root
        case local(String)
        case unsupported(String)
    }

    struct Lockfile {
        var entries: [Entry]
        var berry: Bool
    }

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let lockfile = try parseLockfile(file)
        var notes: [String] = []
        var manifests: [PackageManifest] = []
        var memberNames = Set<String>()
        var complete = true
        if let text = file.readRelative("package.json") {
            do {
                let root = try PackageManifest.parse(ManifestFile(path: "package.json", text: text))
                manifests.append(root)
                let memberPaths = root.workspaces.flatMap({ file.findRelative($0 + "/package.json") }).filter { $0 != "package.json" }
                // Yarn 1 locks every member's dependencies; with none of them read, which entries are unused is unknown.
                complete = root.workspaces.isEmpty || !memberPaths.isEmpty
                for path in root.workspaces.flatMap({ file.findRelative($0 + "/package.json") }) where path != "package.json" {
                    guard let memberText = file.readRelative(path) else { continue }
                    do {
                        let member = try PackageManifest.parse(ManifestFile(path: path, text: memberText))
                        manifests.append(member)
                        if let name = member.name { memberNames.insert(name) }
                    } catch {
                        notes.append("\(path) could not be read (\(error.description)); its dependencies are not checked against the lockfile")
                        complete = false
                    }
                }
            } catch {
                notes.append("package.json beside it could not be read (\(error.description)); scopes are not known")
            }
        }
        var catalog = components(
            lockfile, file: file, manifests: manifests.isEmpty ? nil : manifests, memberNames: memberNames,
            readRelative: file.readRelative, reportUnreferenced: complete)
        catalog.notes = notes + catalog.notes
        return catalog
    }

    /// A workspace member scanned alone: the subtree its own `package.json` declares, from the ancestor's
    /// lockfile; nil when the lockfile locks none of its dependencies.
    static func workspaceMember(_ file: ManifestFile, manifest: ManifestFile) throws(ScannersError) -> Catalog? {
        let lockfile = try parseLockfile(file)
        let member = try PackageManifest.parse(manifest)
        let catalog = components(lockfile, file: file, manifests: [member], memberNames: [], readRelative: { _ in nil }, onlyDeclared: true)
        return catalog.components.isEmpty ? nil : catalog
    }

    /// Splits `name@range` (the name may itself start with `@`).
    static func splitSpecifier(_ specifier: String) -> (name: String, range: String)? {
        let text = specifier.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let at = text.dropFirst().firstIndex(of: "@") else { return nil }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }

    /// Where a range resolves from: the registry (a semver range, a dist tag, `npm:`, `patch:`), the
    /// project, another source, or a protocol yarn does not have.
    static func source(ofRange range: String, resolved: String? = nil) -> Source {
        if range.hasPrefix("npm:") || range.hasPrefix("patch:") { return .registry }
        if range == "workspace:." { return .root }
        let plain = range.components(separatedBy: "::").first ?? range
        for prefix in ["workspace:", "file:", "link:", "portal:", "exec:"] where plain.hasPrefix(prefix) {
            // Berry writes a file resolution as `file:./x.tgz#./x.tgz`: the part after `#` repeats the path.
            return .local(plain.components(separatedBy: "#").first ?? plain)
        }
        for prefix in ["git+", "git:", "git@", "github:", "gitlab:", "bitbucket:", "http:", "https:"] where plain.hasPrefix(prefix) {
            return .local(resolved ?? plain)
        }
        // `user/repo#tag` is GitHub shorthand; a semver range or dist tag has no `/`.
        if plain.contains("/") { return .local(resolved ?? plain) }
        if let colon = plain.firstIndex(of: ":") { return .unsupported(String(plain[..<colon])) }
        return .registry
    }

    /// The source of an entry: registry when any of its descriptors is a registry range (yarn 1 merges them).
    static func source(of entry: Entry) -> Source {
        if entry.specifiers.contains(where: { splitSpecifier($0).map { source(ofRange: $0.range) == .registry } ?? false }) { return .registry }
        return source(ofRange: entry.resolution, resolved: entry.resolved)
    }

    static func parseLockfile(_ file: ManifestFile) throws(ScannersError) -> Lockfile {
        file.text.contains("__metadata:") ? Lockfile(entries: try berry(file), berry: true) : Lockfile(entries: try classic(file), berry: false)
    }

    // MARK: - yarn 1

    private static func classic(_ file: ManifestFile) throws(ScannersError) -> [Entry] {
        var entries: [Entry] = []
        var current: Entry?
        var section: String?
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
                current = Entry(name: first.name, version: "", specifiers: specifiers, resolution: first.range, resolved: nil,
                                integrity: nil, dependencies: [], conditions: nil)
                section = nil
                continue
            }
            guard current != nil else { throw file.invalid("a field outside any package", line: number + 1) }
            if indent <= 2 {
                section = content.hasSuffix(":") ? String(content.dropLast()) : nil
                let (key, value) = keyValue(content)
                switch key {
                case "version": current?.version = value
                case "integrity": current?.integrity = value
                case "resolved": current?.resolved = value
                default: break
                }
            } else if section == "dependencies" || section == "optionalDependencies" {
                let (key, value) = keyValue(content)
                current?.dependencies.append((key, value, section == "optionalDependencies"))
            }
        }
        if let entry = current { entries.append(entry) }
        return entries
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

    private static func berry(_ file: ManifestFile) throws(ScannersError) -> [Entry] {
        let document = try YAMLTree.parse(file.text, file: file)
        var entries: [Entry] = []
        for (key, value) in document.pairs where key != "__metadata" {
            let specifiers = key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let resolution = value["resolution"]?.string ?? specifiers.first,
                  let resolved = splitSpecifier(resolution), let version = value["version"]?.string else {
                throw file.invalid("entry \(key) has no resolution or version")
            }
            let optional = Set((value["dependenciesMeta"]?.pairs ?? []).filter { $0.value["optional"]?.string == "true" }.map(\.key))
            let dependencies = (value["dependencies"]?.pairs ?? []).compactMap { pair in
                pair.value.string.map { (pair.key, $0, optional.contains(pair.key)) }
            }
            entries.append(Entry(name: resolved.name, version: version, specifiers: specifiers, resolution: resolved.range,
                                 resolved: nil, integrity: nil, dependencies: dependencies, conditions: value["conditions"]?.string))
        }
        return entries
    }

    // MARK: - Components

    /// The descriptor a dependency `name: range` is locked under.
    private static func descriptor(_ name: String, _ range: String, berry: Bool) -> String {
        guard berry, source(ofRange: range) == .registry, !range.hasPrefix("npm:"), !range.hasPrefix("patch:") else { return "\(name)@\(range)" }
        return "\(name)@npm:\(range)"
    }

    private static func components(
        _ lockfile: Lockfile, file: ManifestFile, manifests: [PackageManifest]?, memberNames: Set<String>,
        readRelative: (String) -> String?, reportUnreferenced: Bool = true, onlyDeclared: Bool = false
    ) -> Catalog {
        var catalog = Catalog(components: [])
        // Descriptor (and descriptor without berry's `::locator=` suffix) → the entry's purl.
        var purlByDescriptor: [String: String] = [:]
        var kept: [(entry: Entry, purl: String, source: Source)] = []
        for entry in lockfile.entries {
            let source = source(of: entry)
            switch source {
            case .root: continue
            case .unsupported(let name):
                catalog.skipped.append("\(entry.specifiers.joined(separator: ", ")): unknown protocol `\(name):`")
                continue
            case .registry, .local: break
            }
            var version = entry.version
            if case .local(let origin) = source, origin.hasPrefix("workspace:"), version.hasSuffix("-use.local") {
                // A workspace member's version is in its own package.json.
                let folder = String(origin.dropFirst("workspace:".count))
                // The member's manifest was read (and named in a note when malformed) with the workspace's.
                let path = folder + "/package.json"
                version = readRelative(path).flatMap { try? PackageManifest.parse(ManifestFile(path: path, text: $0)).version } ?? ""
            }
            let purl = PackageURL.npm(entry.name, version.isEmpty ? nil : version)
            for specifier in entry.specifiers {
                purlByDescriptor[specifier] = purl
                if let locator = specifier.range(of: "::") { purlByDescriptor[String(specifier[..<locator.lowerBound])] = purl }
            }
            var updated = entry
            updated.version = version
            kept.append((updated, purl, source))
        }
        func lookup(_ name: String, _ range: String) -> String? {
            purlByDescriptor[descriptor(name, range, berry: lockfile.berry)] ?? purlByDescriptor["\(name)@\(range)"]
        }
        var edges: [String: [(purl: String, optional: Bool)]] = [:]
        for item in kept {
            edges[item.purl, default: []] += item.entry.dependencies.compactMap { dependency in
                lookup(dependency.name, dependency.range).map { ($0, dependency.optional) }
            }
        }

        // Scopes from what the manifests declare; without them every package is required, as before.
        var scopeOf: [String: Component.Scope] = [:]
        var missing: [PackageManifest.Declared] = []
        if let manifests {
            var roots: [Component.Scope: [String]] = [:]
            for declared in manifests.flatMap(\.dependencies) {
                if let purl = lookup(declared.name, declared.range) {
                    roots[declared.scope, default: []].append(purl)
                } else if !onlyDeclared, !memberNames.contains(declared.name), !declared.range.hasPrefix("workspace:"), !declared.range.hasPrefix("link:") {
                    // A member scanned alone may name its siblings, which yarn 1 does not lock; only a whole
                    // project is checked.
                    missing.append(declared)
                }
            }
            let hard = edges.mapValues { $0.filter { !$0.optional }.map(\.purl) }
            let all = edges.mapValues { $0.map(\.purl) }
            let required = DependencyGraph.reach(roots[.required] ?? [], edges: hard)
            let optional = DependencyGraph.reach((roots[.required] ?? []) + (roots[.optional] ?? []), edges: all).subtracting(required)
            let development = DependencyGraph.reach(roots[.development] ?? [], edges: all).subtracting(required).subtracting(optional)
            for purl in required { scopeOf[purl] = .required }
            for purl in optional { scopeOf[purl] = .optional }
            for purl in development { scopeOf[purl] = .development }
        }

        var components: [String: Component] = [:]
        var unreferenced: [String] = []
        for item in kept {
            guard components[item.purl] == nil || item.source == .registry else { continue }
            let scope = scopeOf[item.purl]
            if manifests != nil, scope == nil {
                if onlyDeclared { continue }
                if item.source == .registry { unreferenced.append("\(item.entry.name)@\(item.entry.version)") }
            }
            var properties = PlatformConstraints.properties(yarnConditions: item.entry.conditions)
            if case .local(let origin) = item.source { properties[Component.Property.source] = origin }
            let dependsOn = Set((edges[item.purl] ?? []).map(\.purl)).subtracting([item.purl])
            components[item.purl] = Component(
                name: item.entry.name, version: item.entry.version, purl: item.purl, ecosystem: "npm", scope: scope ?? .required,
                manifestPath: file.path, hashes: Integrity.hashes(item.entry.integrity), dependsOn: dependsOn.sorted(),
                properties: properties)
        }
        for declared in missing {
            let purl = PackageURL.npm(declared.name, nil)
            guard components[purl] == nil else { continue }
            components[purl] = Component(
                name: declared.name, version: "", purl: purl, ecosystem: "npm", scope: declared.scope, manifestPath: file.path,
                properties: [Component.Property.lockfile: "missing", Component.Property.declared: declared.range])
        }
        catalog.components = components.values.sorted { $0.purl < $1.purl }
        if !missing.isEmpty {
            let listed = missing.prefix(5).map { "\($0.name) \($0.range)" }.joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
            catalog.notes.append("out of sync with package.json: \(missing.count) declared \(missing.count == 1 ? "dependency is" : "dependencies are") not locked (\(listed)); inventoried without a version; run `yarn install` to update the lockfile")
        }
        if !unreferenced.isEmpty, reportUnreferenced, !onlyDeclared {
            let listed = unreferenced.sorted().prefix(5).joined(separator: ", ") + (unreferenced.count > 5 ? ", …" : "")
            catalog.notes.append("\(unreferenced.count) locked \(unreferenced.count == 1 ? "package is" : "packages are") not reached from any dependency package.json declares (\(listed)); the lockfile is out of date")
        }
        return catalog
    }
}
