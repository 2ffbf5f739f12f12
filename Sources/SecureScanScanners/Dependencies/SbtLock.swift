import Foundation
import SecureScanCore

/// sbt-dependency-lock's `build.sbt.lock`: Maven modules with their configurations and artifact SHA-1s.
/// A module only in test configurations is development.
enum SbtLock {
    static let format = LockfileFormat(id: "sbt-lock", matches: { name, _ in name.hasSuffix(".sbt.lock") }, parse: parse)

    private struct Lockfile: Decodable {
        let lockVersion: Int
        let dependencies: [Dependency]?
    }

    private struct Dependency: Decodable {
        let org: String
        let name: String
        let version: String
        let artifacts: [Artifact]?
        let configurations: [String]?

        struct Artifact: Decodable {
            let hash: String?
        }
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        guard lockfile.lockVersion == 1 else { throw file.invalid("field lockVersion: version \(lockfile.lockVersion) is not supported (1 is)") }
        var components: [String: Component] = [:]
        for dependency in lockfile.dependencies ?? [] {
            let purl = PackageURL.make(type: "maven", namespace: dependency.org, name: dependency.name, version: dependency.version)
            let configurations = dependency.configurations ?? []
            let testOnly = !configurations.isEmpty && configurations.allSatisfy { $0.lowercased().hasPrefix("test") }
            var hashes: [String: String] = [:]
            if let hash = dependency.artifacts?.compactMap(\.hash).first(where: { $0.hasPrefix("sha1:") }) { hashes["SHA-1"] = String(hash.dropFirst(5)) }
            components[purl] = Component(
                name: "\(dependency.org):\(dependency.name)", version: dependency.version, purl: purl, ecosystem: "Maven",
                scope: testOnly ? .development : .required, manifestPath: file.path, hashes: hashes)
        }
        return components.values.sorted { $0.purl < $1.purl }
    }
}
