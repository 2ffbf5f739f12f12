import Foundation
import SecureScanCore

/// NuGet's `packages.lock.json`: every resolved package of every target framework, `Project` entries
/// (other projects of the solution) excepted.
enum NuGetLock {
    static let format = LockfileFormat(id: "nuget-lock", matches: { name, _ in name == "packages.lock.json" }, parse: parse)

    private struct Lockfile: Decodable {
        let dependencies: [String: [String: Entry]]?
    }

    private struct Entry: Decodable {
        let type: String?
        let resolved: String?
        let contentHash: String?
        let dependencies: [String: String]?
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        var versionByName: [String: String] = [:]
        for (_, packages) in lockfile.dependencies ?? [:] {
            for (name, entry) in packages where entry.type != "Project" { if let version = entry.resolved { versionByName[name.lowercased()] = version } }
        }
        var components: [String: Component] = [:]
        for (_, packages) in lockfile.dependencies ?? [:] {
            for (name, entry) in packages where entry.type != "Project" {
                guard let version = entry.resolved else { continue }
                let purl = PackageURL.make(type: "nuget", name: name, version: version)
                let edges = (entry.dependencies ?? [:]).keys.compactMap { dependency in
                    versionByName[dependency.lowercased()].map { PackageURL.make(type: "nuget", name: dependency, version: $0) }
                }
                var hashes: [String: String] = [:]
                if let hash = entry.contentHash { hashes = Integrity.hashes("sha512-" + hash) }
                components[purl] = Component(
                    name: name, version: version, purl: purl, ecosystem: "NuGet", manifestPath: file.path, hashes: hashes,
                    dependsOn: Array(Set(edges + (components[purl]?.dependsOn ?? []))).sorted())
            }
        }
        return components.values.sorted { $0.purl < $1.purl }
    }
}
