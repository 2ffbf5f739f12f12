import Foundation
import SecureScanCore

/// What a `package.json` declares: its name and version, its dependencies by section, and its workspace
/// globs. Read to tell which locked packages a project still uses and in which scope.
struct PackageManifest: Sendable {
    struct Declared: Sendable, Hashable {
        var name: String
        var range: String
        var scope: Component.Scope
    }

    var name: String?
    var version: String?
    var dependencies: [Declared]
    var workspaces: [String]

    private struct JSON: Decodable {
        let name: String?
        let version: String?
        let dependencies: [String: String]?
        let devDependencies: [String: String]?
        let optionalDependencies: [String: String]?
        let workspaces: Workspaces?
    }

    /// `["packages/*"]`, or `{"packages": ["packages/*"], "nohoist": …}`.
    struct Workspaces: Decodable {
        let globs: [String]

        init(from decoder: any Decoder) throws {
            struct Object: Decodable { let packages: [String]? }
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) { globs = list } else { globs = try container.decode(Object.self).packages ?? [] }
        }
    }

    /// Parses `file` (a `package.json`); the error names the file and field.
    static func parse(_ file: ManifestFile) throws(ScannersError) -> PackageManifest {
        let json = try LockfileJSON.decode(JSON.self, from: file)
        var declared: [Declared] = []
        // A name in both `dependencies` and `optionalDependencies` is optional, as npm and yarn treat it.
        let optional = json.optionalDependencies ?? [:]
        for (name, range) in (json.dependencies ?? [:]) where optional[name] == nil {
            declared.append(Declared(name: name, range: range, scope: .required))
        }
        for (name, range) in optional { declared.append(Declared(name: name, range: range, scope: .optional)) }
        for (name, range) in json.devDependencies ?? [:] where json.dependencies?[name] == nil && optional[name] == nil {
            declared.append(Declared(name: name, range: range, scope: .development))
        }
        declared.sort { ($0.name, $0.range) < ($1.name, $1.range) }
        return PackageManifest(name: json.name, version: json.version, dependencies: declared, workspaces: json.workspaces?.globs ?? [])
    }
}
