import Foundation
import SecureScanCore

/// Gradle's `gradle.lockfile` (and per-configuration `*.lockfile`): `group:artifact:version=configurations`.
/// A module used only by test configurations is development.
enum GradleLockfile {
    static let format = LockfileFormat(
        id: "gradle-lockfile", matches: { name, path in name == "gradle.lockfile" || (path.contains("gradle/dependency-locks/") && name.hasSuffix(".lockfile")) },
        parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var components: [String: Component] = [:]
        for raw in file.text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.hasPrefix("empty=") || line.isEmpty { continue }
            // A line of only `=` has no coordinates: nothing to read, like any other line without three.
            let halves = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let coordinates = halves[0].split(separator: ":")
            guard coordinates.count == 3 else { continue }
            let configurations = halves.count > 1 ? halves[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
            let testOnly = !configurations.isEmpty && configurations.allSatisfy { $0.lowercased().hasPrefix("test") }
            let (group, artifact, version) = (String(coordinates[0]), String(coordinates[1]), String(coordinates[2]))
            let purl = PackageURL.make(type: "maven", namespace: group, name: artifact, version: version)
            components[purl] = Component(
                name: "\(group):\(artifact)", version: version, purl: purl, ecosystem: "Maven",
                scope: testOnly ? .development : .required, manifestPath: file.path)
        }
        return components.values.sorted { $0.purl < $1.purl }
    }
}
