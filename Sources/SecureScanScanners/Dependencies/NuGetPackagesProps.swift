import SecureScanCore
import SecureScanXML

/// MSBuild central package files (`Directory.Packages.props`, `Packages.props`, `*.packages.props`):
/// `<PackageVersion>` and `<PackageReference>` items inside `<ItemGroup>`, named by `Include` or `Update`.
/// `$(Property)` references are resolved from the file's own `<PropertyGroup>`s; an item whose name or
/// version stays unresolved, or is empty, is skipped with a note. `[1.2.3]` (an exact range) is 1.2.3.
enum NuGetPackagesProps {
    static let format = LockfileFormat(
        id: "nuget-packages-props",
        matches: { name, _ in
            let lower = name.lowercased()
            return lower == "directory.packages.props" || lower == "packages.props" || lower.hasSuffix(".packages.props")
        },
        read: read)

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let root = try ManifestXML.parse(file)
        guard root.name == "Project" else { throw file.invalid("the root element is <\(root.name)>, expected <Project>", line: root.line) }
        var properties: [String: String] = [:]
        for group in root.children("PropertyGroup") {
            for property in group.children { properties[property.name.lowercased()] = property.value }
        }
        func expand(_ text: String) -> String? {
            var result = ""
            var rest = Substring(text)
            while let start = rest.firstRange(of: "$(") {
                result += rest[..<start.lowerBound]
                guard let end = rest[start.upperBound...].firstIndex(of: ")"),
                      let value = properties[rest[start.upperBound..<end].lowercased()] else { return nil }
                result += value
                rest = rest[rest.index(after: end)...]
            }
            return (result + rest).trimmingSpaces
        }
        var catalog = Catalog(components: [])
        var seen = Set<String>()
        for group in root.children("ItemGroup") {
            for item in group.children where item.name == "PackageReference" || item.name == "PackageVersion" {
                guard let rawName = item.attributes["Include"] ?? item.attributes["Update"],
                      let rawVersion = item.attributes["Version"] ?? item.child("Version")?.value else {
                    catalog.skipped.append("line \(item.line): <\(item.name)> without `Include`/`Update` and `Version`")
                    continue
                }
                guard let name = expand(rawName), let expanded = expand(rawVersion), !name.isEmpty, !expanded.isEmpty else {
                    catalog.skipped.append("line \(item.line): <\(item.name) Include=\"\(rawName)\" Version=\"\(rawVersion)\"> has an empty or undefined name or version")
                    continue
                }
                var version = expanded
                if version.hasPrefix("["), version.hasSuffix("]"), !version.contains(",") { version = String(version.dropFirst().dropLast()).trimmingSpaces }
                let purl = PackageURL.make(type: "nuget", name: name, version: version)
                guard seen.insert(purl).inserted else { continue }
                catalog.components.append(Component(name: name, version: version, purl: purl, ecosystem: "NuGet", manifestPath: file.path))
            }
        }
        catalog.components.sort { $0.purl < $1.purl }
        return catalog
    }
}
