import Foundation
import SecureScanCore

/// PHP Composer's `composer.lock`: `packages` (required) and `packages-dev` (development), with licenses
/// and `require` edges (platform requirements such as `php` and `ext-*` are not packages).
enum ComposerLock {
    static let format = LockfileFormat(id: "composer-lock", matches: { name, _ in name == "composer.lock" }, parse: parse)

    private struct Lockfile: Decodable {
        let packages: [Package]?
        let packagesDev: [Package]?

        enum CodingKeys: String, CodingKey {
            case packages
            case packagesDev = "packages-dev"
        }
    }

    private struct Package: Decodable {
        let name: String
        let version: String
        let license: StringList?
        let require: [String: String]?
    }

    static func parse(_ file: ManifestFile) throws(ScannersError) -> [Component] {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        let all = (lockfile.packages ?? []).map { ($0, Component.Scope.required) } + (lockfile.packagesDev ?? []).map { ($0, Component.Scope.development) }
        let versionByName = Dictionary(all.map { ($0.0.name.lowercased(), $0.0.version) }, uniquingKeysWith: { first, _ in first })
        return all.map { package, scope in
            let edges = (package.require ?? [:]).keys.compactMap { name in
                versionByName[name.lowercased()].map { PackageURL.pathed(type: "composer", name.lowercased(), $0) }
            }
            return Component(
                name: package.name, version: package.version, purl: PackageURL.pathed(type: "composer", package.name.lowercased(), package.version),
                ecosystem: "Packagist", licenses: package.license?.values ?? [], scope: scope, manifestPath: file.path,
                dependsOn: Array(Set(edges)).sorted())
        }.sorted { $0.purl < $1.purl }
    }
}
