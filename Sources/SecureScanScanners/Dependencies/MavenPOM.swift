import SecureScanCore
import SecureScanXML

/// Maven's `pom.xml`: the project itself and its declared dependencies, with the effective model Maven
/// would compute from what is on disk: parents found through `relativePath` (default `../pom.xml`)
/// contribute properties, managed versions and inherited dependencies; `${…}` references resolve against
/// the merged properties and the `project.*` values. Scopes map to component scopes: `test` is
/// development, `provided`/`system` and `<optional>true` are optional, the rest required.
///
/// Nothing is fetched: a version that only an imported BOM or a parent outside the tree defines is
/// reported as a skipped entry naming the dependency, never guessed.
enum MavenPOM {
    static let format = LockfileFormat(id: "maven-pom", matches: { name, _ in name == "pom.xml" }, read: read)

    /// How many parents are followed before giving up (a cycle or a very deep hierarchy).
    static let maximumParents = 16

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let root = try ManifestXML.parse(file)
        guard root.name == "project" else { throw file.invalid("the root element is <\(root.name)>, expected <project>", line: root.line) }
        var catalog = Catalog(components: [])
        let project = MavenModel(root)
        let chain = [project] + parents(of: project, file: file, notes: &catalog.skipped)

        var properties: [String: String] = [:]
        for model in chain.reversed() { properties.merge(model.properties) { _, child in child } }
        let groupId = project.groupId ?? project.parent?.groupId ?? ""
        let version = project.version ?? project.parent?.version ?? ""
        for (key, value) in [("groupId", groupId), ("artifactId", project.artifactId ?? ""), ("version", version)] {
            for prefix in ["project.", "pom.", ""] where prefix != "" || key == "version" { properties[prefix + key] = value }
        }
        if let parent = project.parent {
            for prefix in ["project.parent.", "parent."] {
                properties[prefix + "groupId"] = parent.groupId
                properties[prefix + "artifactId"] = parent.artifactId
                properties[prefix + "version"] = parent.version
            }
        }
        let interpolate = MavenInterpolation(properties: properties)

        var managed: [String: MavenModel.Dependency] = [:]
        for model in chain {
            for dependency in model.managed {
                let resolved = interpolate.apply(dependency)
                if resolved.scope == "import" {
                    catalog.skipped.append("line \(dependency.line): the imported BOM \(resolved.groupId):\(resolved.artifactId) is not in the tree; versions it manages are unknown")
                    continue
                }
                if managed[resolved.key] == nil { managed[resolved.key] = resolved }
            }
        }
        var declared: [String: MavenModel.Dependency] = [:]
        var order: [String] = []
        for model in chain {
            for dependency in model.dependencies {
                let resolved = interpolate.apply(dependency)
                guard declared[resolved.key] == nil else { continue }
                declared[resolved.key] = resolved
                order.append(resolved.key)
            }
        }

        let projectGroup = interpolate.text(groupId), projectArtifact = interpolate.text(project.artifactId ?? "")
        let projectVersion = interpolate.text(version)
        var edges: [String] = []
        for key in order {
            var dependency = declared[key]!
            let management = managed[key]
            dependency.version = dependency.version ?? management?.version
            dependency.scope = dependency.scope ?? management?.scope
            guard let rawVersion = dependency.version, !rawVersion.isEmpty else {
                catalog.skipped.append("line \(dependency.line): \(dependency.groupId):\(dependency.artifactId) has no version here or in a managing POM on disk")
                continue
            }
            guard !dependency.groupId.contains("${"), !dependency.artifactId.contains("${"), !rawVersion.contains("${") else {
                catalog.skipped.append("line \(dependency.line): \(dependency.groupId):\(dependency.artifactId):\(rawVersion) uses a property that is not defined")
                continue
            }
            guard let resolvedVersion = MavenInterpolation.pinnedVersion(rawVersion) else {
                catalog.skipped.append("line \(dependency.line): \(dependency.groupId):\(dependency.artifactId) asks for the range \(rawVersion), which only a repository can resolve")
                continue
            }
            let scope: Component.Scope = switch dependency.scope {
            case "test": .development
            case "provided", "system": .optional
            default: dependency.optional ? .optional : .required
            }
            let purl = purl(dependency.groupId, dependency.artifactId, resolvedVersion, type: dependency.type, classifier: dependency.classifier)
            edges.append(purl)
            catalog.components.append(Component(
                name: "\(dependency.groupId):\(dependency.artifactId)", version: resolvedVersion, purl: purl, ecosystem: "Maven",
                scope: scope, manifestPath: file.path))
        }
        if !projectGroup.isEmpty, !projectArtifact.isEmpty, !projectVersion.contains("${") {
            let licenses = chain.first { !$0.licenses.isEmpty }?.licenses.map(interpolate.text) ?? []
            catalog.components.append(Component(
                name: "\(projectGroup):\(projectArtifact)", version: projectVersion,
                purl: purl(projectGroup, projectArtifact, projectVersion, type: project.packaging, classifier: nil), ecosystem: "Maven",
                licenses: licenses, manifestPath: file.path, dependsOn: Array(Set(edges)).sorted()))
        }
        catalog.components.sort { $0.purl < $1.purl }
        return catalog
    }

    static func purl(_ group: String, _ artifact: String, _ version: String, type: String?, classifier: String?) -> String {
        var qualifiers: [String: String] = [:]
        if let type, !type.isEmpty, !["jar", "pom", "bundle", "maven-plugin"].contains(type) { qualifiers["type"] = type }
        if let classifier, !classifier.isEmpty { qualifiers["classifier"] = classifier }
        return PackageURL.make(type: "maven", namespace: group, name: artifact, version: version, qualifiers: qualifiers)
    }

    /// The parent chain, nearest first, as far as it is on disk and matches what each child declares.
    private static func parents(of project: MavenModel, file: ManifestFile, notes: inout [String]) -> [MavenModel] {
        var chain: [MavenModel] = []
        var current = project
        var directory = ""
        var visited: Set<String> = []
        while let parent = current.parent, chain.count < maximumParents {
            var relative = parent.relativePath ?? "../pom.xml"
            if relative.isEmpty { break }
            if !relative.hasSuffix(".xml") { relative += relative.hasSuffix("/") ? "pom.xml" : "/pom.xml" }
            let joined = directory.isEmpty ? relative : directory + "/" + relative
            let path = joined.hasPrefix("..") ? joined : ManifestFile.resolve(joined) ?? joined
            let coordinates = "\(parent.groupId ?? ""):\(parent.artifactId ?? ""):\(parent.version ?? "")"
            guard visited.insert(path).inserted else {
                notes.append("parent \(coordinates): the parent chain loops back to \(path)")
                break
            }
            guard let text = file.readRelative(path), let root = try? XMLReader.parse(Array(text.utf8)), root.name == "project" else {
                notes.append("parent \(coordinates) is not on disk at \(relative); properties and managed versions it defines are unknown")
                break
            }
            let model = MavenModel(root)
            guard model.artifactId == parent.artifactId, (model.groupId ?? model.parent?.groupId) == parent.groupId else {
                notes.append("parent \(coordinates): \(path) is \(model.groupId ?? model.parent?.groupId ?? "?"):\(model.artifactId ?? "?"), not the declared parent")
                break
            }
            chain.append(model)
            current = model
            directory = path.split(separator: "/").dropLast().joined(separator: "/")
        }
        return chain
    }
}
