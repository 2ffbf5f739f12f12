import Foundation
import SecureScanCore

/// Julia's `Manifest.toml`, in the 1.0 layout (`[[Name]]` at the top) and the 2.0 layout (`[[deps.Name]]`).
/// Packages are identified by UUID, since two packages may share a name. A standard-library package has no
/// `version` of its own: in the 2.0 layout it is the `julia_version`; in the 1.0 layout it is unknown (empty).
enum JuliaManifest {
    static let format = LockfileFormat(
        id: "julia-manifest", matches: { name, _ in name == "Manifest.toml" || (name.hasPrefix("Manifest-v") && name.hasSuffix(".toml")) },
        parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try PythonTOMLLocks.document(file)
        let isV2 = document["manifest_format"]?.string.map { $0.hasPrefix("2") } ?? false
        let packages = isV2 ? (document["deps"]?.table ?? [:]) : document.filter { $0.value.array != nil }
        let stdlibVersion = isV2 ? document["julia_version"]?.string ?? "" : ""
        var entries: [(name: String, uuid: String, entry: [String: TOMLValue])] = []
        for name in packages.keys.sorted() {
            for (index, value) in (packages[name]?.array ?? []).enumerated() {
                guard let entry = value.table, let uuid = entry["uuid"]?.string else {
                    throw file.invalid("field \(isV2 ? "deps." : "")\(name)[\(index)]: a package needs a `uuid`")
                }
                entries.append((name, uuid, entry))
            }
        }
        let uuidsByName = Dictionary(grouping: entries, by: \.name).mapValues { $0.map(\.uuid) }
        func purl(_ name: String, _ uuid: String, _ version: String) -> String {
            PackageURL.make(type: "julia", name: name, version: version, qualifiers: ["uuid": uuid])
        }
        let versionByUUID = Dictionary(entries.map { ($0.uuid, $0.entry["version"]?.string ?? stdlibVersion) }, uniquingKeysWith: { a, _ in a })
        let nameByUUID = Dictionary(entries.map { ($0.uuid, $0.name) }, uniquingKeysWith: { a, _ in a })
        return try entries.map { (name, uuid, entry) throws(ScannersError) in
            var edges: [String] = []
            if let table = entry["deps"]?.table {
                for (dependency, value) in table {
                    guard let target = value.string, nameByUUID[target] != nil else {
                        throw file.invalid("field \(name).deps.\(dependency): no package with that UUID in the manifest")
                    }
                    edges.append(purl(dependency, target, versionByUUID[target] ?? ""))
                }
            } else {
                for dependency in (entry["deps"]?.array ?? []).compactMap(\.string) {
                    let candidates = uuidsByName[dependency] ?? []
                    guard candidates.count == 1 else {
                        throw file.invalid(candidates.isEmpty
                            ? "field \(name).deps: `\(dependency)` is not in the manifest"
                            : "field \(name).deps: `\(dependency)` names \(candidates.count) packages; the manifest must give its UUID")
                    }
                    edges.append(purl(dependency, candidates[0], versionByUUID[candidates[0]] ?? ""))
                }
            }
            let version = versionByUUID[uuid] ?? ""
            return Component(
                name: name, version: version, purl: purl(name, uuid, version), ecosystem: "Julia", manifestPath: file.path,
                dependsOn: Array(Set(edges)).sorted())
        }.sorted { $0.purl < $1.purl }
    }
}
