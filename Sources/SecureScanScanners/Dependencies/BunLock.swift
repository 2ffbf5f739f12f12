import Foundation
import SecureScanCore

/// Bun's text lockfile `bun.lock` (JSON with trailing commas). Each `packages` entry is a tuple
/// `[ident, registry, info, integrity]` keyed by its install path (`parent/child` for nested copies);
/// workspace members are `name@workspace:<path>` and take their version from `workspaces`. Packages that
/// only `devDependencies` reach are development.
enum BunLock {
    static let format = LockfileFormat(id: "bun-lock", matches: { name, _ in name == "bun.lock" }, parse: parse)

    static let productionSections = ["dependencies", "optionalDependencies", "peerDependencies"]

    /// `@scope/name@1.0.0` → (`@scope/name`, `1.0.0`).
    static func splitIdent(_ ident: String) -> (name: String, spec: String)? {
        guard let at = ident.dropFirst().lastIndex(of: "@") else { return nil }
        return (String(ident[..<at]), String(ident[ident.index(after: at)...]))
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let json = ManifestFile(path: file.path, text: JSONC.plainJSON(file.text), readRelative: file.readRelative)
        let document = try LockfileJSON.decode(JSONValue.self, from: json)
        guard case .object = document else { throw file.invalid("a bun.lock must be a JSON object") }
        guard document["lockfileVersion"]?.isNumber == true else { throw file.invalid("field lockfileVersion: expected a number") }
        let workspaces = document["workspaces"]?.objectValue ?? [:]
        guard let packages = document["packages"]?.objectValue else { return [] }
        var purlByKey: [String: String] = [:]
        var entries: [(key: String, name: String, version: String, tuple: [JSONValue])] = []
        for key in packages.keys.sorted() {
            guard let tuple = packages[key]?.arrayValue, let ident = tuple.first?.stringValue, let (name, spec) = splitIdent(ident) else {
                throw file.invalid("field packages.\(key): expected `[\"name@version\", …]`")
            }
            let version: String
            if spec.hasPrefix("workspace:") {
                version = workspaces[String(spec.dropFirst("workspace:".count))]?["version"]?.stringValue ?? ""
            } else if spec.hasPrefix("file:") || spec.hasPrefix("link:") || spec == "root:" {
                continue
            } else if let hash = spec.lastIndex(of: "#"), spec.hasPrefix("github:") || spec.hasPrefix("git+") {
                version = String(spec[spec.index(after: hash)...])
            } else {
                version = spec
            }
            purlByKey[key] = PackageURL.npm(name, version)
            entries.append((key, name, version, tuple))
        }
        func resolve(_ dependency: String, from key: String) -> String? {
            var base = key
            while !base.isEmpty {
                if let purl = purlByKey[base + "/" + dependency] { return purl }
                base = base.split(separator: "/").dropLast().joined(separator: "/")
            }
            return purlByKey[dependency]
        }
        var edges: [String: [String]] = [:]
        for entry in entries {
            let info = entry.tuple.first { $0.objectValue != nil && $0.objectValue?["dependencies"] != nil || $0.objectValue?["optionalDependencies"] != nil || $0.objectValue?["peerDependencies"] != nil }
            var names = productionSections.flatMap { (info?[$0]?.objectValue ?? [:]).keys }
            if let member = workspaces.first(where: { $0.value["name"]?.stringValue == entry.name })?.value {
                names += (productionSections + ["devDependencies"]).flatMap { (member[$0]?.objectValue ?? [:]).keys }
            }
            edges[purlByKey[entry.key]!] = Array(Set(names.compactMap { resolve($0, from: entry.key) })).sorted()
        }
        var production: [String] = [], development: [String] = []
        for (path, member) in workspaces {
            if !path.isEmpty, let name = member["name"]?.stringValue, let purl = purlByKey[name] { production.append(purl) }
            production += productionSections.flatMap { (member[$0]?.objectValue ?? [:]).keys }.compactMap { purlByKey[$0] }
            development += (member["devDependencies"]?.objectValue ?? [:]).keys.compactMap { purlByKey[$0] }
        }
        let developmentOnly = DependencyGraph.developmentOnly(production: production, development: development, edges: edges)
        var seen = Set<String>()
        return entries.compactMap { entry -> Component? in
            let purl = purlByKey[entry.key]!
            guard seen.insert(purl).inserted else { return nil }
            let integrity = entry.tuple.count >= 4 ? entry.tuple.last?.stringValue : nil
            return Component(
                name: entry.name, version: entry.version, purl: purl, ecosystem: "npm",
                scope: developmentOnly.contains(purl) ? .development : .required, manifestPath: file.path,
                hashes: Integrity.hashes(integrity), dependsOn: edges[purl] ?? [])
        }.sorted { $0.purl < $1.purl }
    }
}
