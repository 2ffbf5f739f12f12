import SecureScanCore
import SecureScanXML

/// NuGet's legacy `packages.config`: `<package id version developmentDependency>`; development
/// dependencies keep development scope.
enum NuGetPackagesConfig {
    static let format = LockfileFormat(id: "nuget-packages-config", matches: { name, _ in name == "packages.config" }, read: read)

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let root = try ManifestXML.parse(file)
        guard root.name == "packages" else { throw file.invalid("the root element is <\(root.name)>, expected <packages>", line: root.line) }
        var catalog = Catalog(components: [])
        for package in root.children("package") {
            guard let id = package.attributes["id"], !id.isEmpty, let version = package.attributes["version"], !version.isEmpty else {
                catalog.skipped.append("line \(package.line): <package> needs `id` and `version`")
                continue
            }
            catalog.components.append(Component(
                name: id, version: version, purl: PackageURL.make(type: "nuget", name: id, version: version), ecosystem: "NuGet",
                scope: package.attributes["developmentDependency"]?.lowercased() == "true" ? .development : .required,
                manifestPath: file.path))
        }
        catalog.components.sort { $0.purl < $1.purl }
        return catalog
    }
}
