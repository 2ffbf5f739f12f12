import SecureScanCore

/// Python lockfiles in TOML: Poetry's `poetry.lock`, uv's `uv.lock` and PEP 751 `pylock.toml`.
enum PythonTOMLLocks {
    static let poetry = LockfileFormat(id: "poetry-lock", matches: { name, _ in name == "poetry.lock" }, parse: parsePoetry)
    static let uv = LockfileFormat(id: "uv-lock", matches: { name, _ in name == "uv.lock" }, parse: parseUV)
    static let pylock = LockfileFormat(
        id: "pylock", matches: { name, _ in name == "pylock.toml" || (name.hasPrefix("pylock.") && name.hasSuffix(".toml")) },
        parse: parsePylock)

    static func document(_ file: ManifestFile) throws(ScannersError) -> [String: TOMLValue] {
        do {
            return try TOMLParser.parse(file.text)
        } catch {
            throw file.invalid("invalid TOML: \(error.message)", line: error.line)
        }
    }

    private static func packages(_ document: [String: TOMLValue], _ file: ManifestFile) throws(ScannersError) -> [[String: TOMLValue]] {
        guard let list = document["package"] ?? document["packages"] else { return [] }
        guard let array = list.array else { throw file.invalid("`package` must be an array of tables") }
        return try array.enumerated().map { index, value throws(ScannersError) in
            guard let table = value.table else { throw file.invalid("package [\(index)] is not a table") }
            return table
        }
    }

    /// Poetry: every `[[package]]`; `category = "dev"` (lock format 1) or membership only of non-main groups
    /// (format 2) makes it development.
    static func parsePoetry(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try document(file)
        let entries = try packages(document, file)
        var versionByName: [String: String] = [:]
        for entry in entries {
            if let name = entry["name"]?.string, let version = entry["version"]?.string {
                versionByName[PackageURL.normalizedPythonName(name)] = version
            }
        }
        return try entries.enumerated().map { index, entry throws(ScannersError) in
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else {
                throw file.invalid("package [\(index)] has no name or version")
            }
            let groups = entry["groups"]?.array?.compactMap(\.string) ?? []
            let isDev = entry["category"]?.string == "dev" || (!groups.isEmpty && !groups.contains("main"))
            let edges = (entry["dependencies"]?.table ?? [:]).keys.compactMap { dependency -> String? in
                let key = PackageURL.normalizedPythonName(dependency)
                return versionByName[key].map { PackageURL.pypi(key, $0) }
            }
            var hashes: [String: String] = [:]
            for file in entry["files"]?.array ?? [] {
                if let hash = file["hash"]?.string, hash.hasPrefix("sha256:"), hashes["SHA-256"] == nil {
                    hashes["SHA-256"] = String(hash.dropFirst(7))
                }
            }
            return Component(
                name: name, version: version, purl: PackageURL.pypi(name, version), ecosystem: "PyPI",
                scope: isDev ? .development : entry["optional"]?.boolean == true ? .optional : .required,
                manifestPath: file.path, hashes: hashes, dependsOn: Array(Set(edges)).sorted())
        }.sorted { $0.purl < $1.purl }
    }

    /// uv: `[[package]]` entries; the project itself (`source = { virtual/editable = "." }`) must be exactly
    /// one. Packages reachable only through `dev-dependencies` are development.
    static func parseUV(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let entries = try packages(try document(file), file)
        let roots = entries.filter { entry in
            let source = entry["source"]?.table ?? [:]
            return source["virtual"]?.string == "." || source["editable"]?.string == "."
        }
        guard roots.count == 1, let root = roots.first else {
            throw file.invalid("a uv lockfile needs exactly one root package (source virtual or editable \".\"), found \(roots.count)")
        }
        var versionByName: [String: String] = [:]
        var edges: [String: [String]] = [:]
        for entry in entries {
            guard let name = entry["name"]?.string.map(PackageURL.normalizedPythonName) else { continue }
            versionByName[name] = entry["version"]?.string ?? ""
            var dependencies = (entry["dependencies"]?.array ?? []).compactMap { $0["name"]?.string }
            for (_, group) in entry["optional-dependencies"]?.table ?? [:] { dependencies += (group.array ?? []).compactMap { $0["name"]?.string } }
            edges[name] = dependencies.map(PackageURL.normalizedPythonName)
        }
        let rootName = PackageURL.normalizedPythonName(root["name"]?.string ?? "")
        var devRoots: [String] = []
        for (_, group) in root["dev-dependencies"]?.table ?? [:] {
            devRoots += (group.array ?? []).compactMap { $0["name"]?.string.map(PackageURL.normalizedPythonName) }
        }
        let production = DependencyGraph.reach([rootName], edges: edges)
        let development = DependencyGraph.reach(devRoots, edges: edges).subtracting(production)
        return entries.compactMap { entry -> Component? in
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else { return nil }
            let key = PackageURL.normalizedPythonName(name)
            let purl = PackageURL.pypi(name, version)
            var hashes: [String: String] = [:]
            if let hash = entry["sdist"]?["hash"]?.string, hash.hasPrefix("sha256:") { hashes["SHA-256"] = String(hash.dropFirst(7)) }
            let dependsOn = (edges[key] ?? []).compactMap { dependency in versionByName[dependency].map { PackageURL.pypi(dependency, $0) } }
            return Component(
                name: name, version: version, purl: purl, ecosystem: "PyPI",
                scope: development.contains(key) ? .development : .required, manifestPath: file.path, hashes: hashes,
                dependsOn: Array(Set(dependsOn)).sorted())
        }.sorted { $0.purl < $1.purl }
    }

    /// PEP 751 `pylock.toml`: `[[packages]]` with name and version.
    static func parsePylock(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try document(file)
        guard document["lock-version"]?.string != nil else { throw file.invalid("not a pylock file: `lock-version` is missing") }
        return try packages(document, file).compactMap { entry -> Component? in
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else { return nil }
            return Component(name: name, version: version, purl: PackageURL.pypi(name, version), ecosystem: "PyPI", manifestPath: file.path)
        }.sorted { $0.purl < $1.purl }
    }
}
