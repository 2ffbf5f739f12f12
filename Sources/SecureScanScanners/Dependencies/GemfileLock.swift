import Foundation
import SecureScanCore

/// Bundler's `Gemfile.lock`: the `specs` of every `GEM` (and `GIT`/`PATH`) section, with the nested lines
/// as dependency edges. A platform suffix (`nokogiri (1.13.0-x86_64-linux)`) is not part of the version.
enum GemfileLock {
    static let format = LockfileFormat(
        id: "gemfile-lock", matches: { name, _ in name == "Gemfile.lock" || name == "gems.locked" }, parse: parse)

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        var specs: [(name: String, version: String, dependencies: [String])] = []
        var inSpecs = false
        for raw in file.text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = raw.prefix(while: { $0 == " " }).count
            let line = raw.trimmingCharacters(in: .whitespaces)
            if indent == 0 {
                inSpecs = false
                continue
            }
            if indent == 2 {
                inSpecs = line == "specs:"
                continue
            }
            guard inSpecs, let open = line.firstIndex(of: "("), line.hasSuffix(")") else { continue }
            let name = line[..<open].trimmingCharacters(in: .whitespaces)
            let inside = String(line[line.index(after: open)..<line.index(before: line.endIndex)])
            if indent == 4 {
                var version = inside
                for platform in ["-x86", "-arm", "-aarch", "-java", "-universal", "-mingw", "-x64", "-mswin"] {
                    if let range = version.range(of: platform) { version = String(version[..<range.lowerBound]) }
                }
                specs.append((name, version, []))
            } else if indent >= 6, !specs.isEmpty {
                specs[specs.count - 1].dependencies.append(name)
            }
        }
        let versionByName = Dictionary(specs.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first })
        var components: [String: Component] = [:]
        for spec in specs {
            let purl = PackageURL.make(type: "gem", name: spec.name, version: spec.version)
            let edges = spec.dependencies.compactMap { dependency in versionByName[dependency].map { PackageURL.make(type: "gem", name: dependency, version: $0) } }
            components[purl] = Component(
                name: spec.name, version: spec.version, purl: purl, ecosystem: "RubyGems", manifestPath: file.path,
                dependsOn: Array(Set(edges)).sorted())
        }
        return components.values.sorted { $0.purl < $1.purl }
    }
}
