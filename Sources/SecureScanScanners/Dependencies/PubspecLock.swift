import Foundation
import SecureScanCore

/// Dart/Flutter's `pubspec.lock`: hosted, git and path packages (SDK packages such as `flutter_test` are
/// part of the SDK, not dependencies). `direct dev` packages are development.
enum PubspecLock {
    static let format = LockfileFormat(id: "pubspec-lock", matches: { name, _ in name == "pubspec.lock" }, parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let document = try YAMLTree.parse(file.text, file: file)
        if document == .null { return [] }
        guard case .mapping = document else { throw file.invalid("a pubspec.lock must be a mapping with `packages`") }
        guard let packages = document["packages"], packages != .null else { return [] }
        guard case .mapping(let entries) = packages else { throw file.invalid("`packages` must be a mapping of package names") }
        var components: [Component] = []
        for (name, entry) in entries {
            guard case .mapping = entry else { throw file.invalid("field packages.\(name) must be a mapping") }
            guard entry["source"]?.string != "sdk", let version = entry["version"]?.string else { continue }
            let isDev = entry["dependency"]?.string == "direct dev"
            components.append(Component(
                name: name, version: version, purl: PackageURL.make(type: "pub", name: name, version: version), ecosystem: "Pub",
                scope: isDev ? .development : .required, manifestPath: file.path))
        }
        return components.sorted { $0.purl < $1.purl }
    }
}
