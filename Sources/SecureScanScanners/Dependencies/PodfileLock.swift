import Foundation
import SecureScanCore

/// CocoaPods' `Podfile.lock`: every entry of `PODS`, `Name (version)` with its dependencies. A subspec
/// (`AppCenter/Core`) is the pod `AppCenter` with that purl subpath.
enum PodfileLock {
    static let format = LockfileFormat(id: "podfile-lock", matches: { name, _ in name == "Podfile.lock" }, read: read)

    /// `Name (1.0)` → (`Name`, `1.0`); `Name (= 1.0)` and other constraints are not pins.
    static func pod(_ text: String) -> (name: String, version: String)? {
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let version = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !version.isEmpty, !version.contains(where: { " =<>~".contains($0) }) else { return nil }
        return (name, version)
    }

    static func purl(_ name: String, _ version: String) -> String {
        let parts = name.split(separator: "/", maxSplits: 1)
        let base = PackageURL.make(type: "cocoapods", name: String(parts[0]), version: version)
        return parts.count == 2 ? base + "#" + parts[1].split(separator: "/").map { PackageURL.encode(String($0)) }.joined(separator: "/") : base
    }

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let document = try YAMLTree.parse(file.text, file: file)
        if document == .null { return Catalog(components: []) }
        guard case .mapping = document else { throw file.invalid("a Podfile.lock must be a mapping with `PODS`") }
        var catalog = Catalog(components: [])
        var entries: [(name: String, version: String, dependencies: [String])] = []
        for (index, item) in (document["PODS"]?.items ?? []).enumerated() {
            let text: String
            var dependencies: [String] = []
            switch item {
            case .scalar(let value): text = value
            case .mapping(let pairs) where pairs.count == 1:
                text = pairs[0].key
                dependencies = pairs[0].value.items.compactMap(\.string)
            default:
                catalog.skipped.append("field PODS[\(index)]: expected `Name (version)`")
                continue
            }
            guard let (name, version) = pod(text) else {
                catalog.skipped.append("field PODS[\(index)]: `\(text)` is not `Name (version)`")
                continue
            }
            entries.append((name, version, dependencies))
        }
        let versionByName = Dictionary(entries.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
        catalog.components = entries.map { entry in
            let edges = entry.dependencies.compactMap { dependency -> String? in
                let name = dependency.split(separator: " ", maxSplits: 1).first.map(String.init) ?? dependency
                return versionByName[name].map { purl(name, $0) }
            }
            return Component(
                name: entry.name, version: entry.version, purl: purl(entry.name, entry.version), ecosystem: "CocoaPods",
                manifestPath: file.path, dependsOn: Array(Set(edges)).sorted())
        }.sorted { $0.purl < $1.purl }
        return catalog
    }
}
