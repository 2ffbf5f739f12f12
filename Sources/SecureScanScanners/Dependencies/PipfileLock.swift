import Foundation
import SecureScanCore

/// Pipenv's `Pipfile.lock`: `default` packages are required, `develop` ones development.
enum PipfileLock {
    static let format = LockfileFormat(
        id: "pipfile-lock", matches: { name, _ in name == "Pipfile.lock" }, parse: parse)

    private struct Lockfile: Decodable {
        let `default`: [String: Entry]?
        let develop: [String: Entry]?
    }

    private struct Entry: Decodable {
        let version: String?
        let hashes: [String]?
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        var components: [String: Component] = [:]
        for (section, scope) in [(lockfile.develop, Component.Scope.development), (lockfile.default, .required)] {
            for (name, entry) in section ?? [:] {
                guard let pinned = entry.version, pinned.hasPrefix("==") else { continue }
                let version = String(pinned.dropFirst(2))
                let purl = PackageURL.pypi(name, version)
                var hashes: [String: String] = [:]
                for hash in entry.hashes ?? [] {
                    let pieces = hash.split(separator: ":", maxSplits: 1)
                    if pieces.count == 2, pieces[0] == "sha256", hashes["SHA-256"] == nil { hashes["SHA-256"] = String(pieces[1]) }
                }
                components[purl] = Component(
                    name: name, version: version, purl: purl, ecosystem: "PyPI", scope: scope, manifestPath: file.path, hashes: hashes)
            }
        }
        return components.values.sorted { $0.purl < $1.purl }
    }
}
