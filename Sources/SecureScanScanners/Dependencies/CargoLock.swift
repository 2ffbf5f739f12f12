import Foundation
import SecureScanCore

/// Rust's `Cargo.lock` (formats 1 to 4): every `[[package]]`, with edges from `dependencies`
/// (`"name"`, `"name version"` or `"name version (source)"`).
enum CargoLock {
    static let format = LockfileFormat(id: "cargo-lock", matches: { name, _ in name == "Cargo.lock" }, parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try PythonTOMLLocks.document(file)
        let entries = (document["package"]?.array ?? []).compactMap(\.table)
        var versionsByName: [String: [String]] = [:]
        for entry in entries {
            if let name = entry["name"]?.string, let version = entry["version"]?.string { versionsByName[name, default: []].append(version) }
        }
        return try entries.enumerated().map { index, entry throws(ScannersError) in
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else {
                throw file.invalid("package [\(index)] has no name or version")
            }
            let edges = (entry["dependencies"]?.array ?? []).compactMap(\.string).compactMap { dependency -> String? in
                let parts = dependency.split(separator: " ")
                guard let dependencyName = parts.first.map(String.init) else { return nil }
                let candidates = versionsByName[dependencyName] ?? []
                let dependencyVersion = parts.count >= 2 ? String(parts[1]) : (candidates.count == 1 ? candidates[0] : nil)
                return dependencyVersion.map { PackageURL.make(type: "cargo", name: dependencyName, version: $0) }
            }
            var hashes: [String: String] = [:]
            if let checksum = entry["checksum"]?.string { hashes["SHA-256"] = checksum }
            return Component(
                name: name, version: version, purl: PackageURL.make(type: "cargo", name: name, version: version), ecosystem: "crates.io",
                manifestPath: file.path, hashes: hashes, dependsOn: Array(Set(edges)).sorted())
        }.sorted { $0.purl < $1.purl }
    }
}
