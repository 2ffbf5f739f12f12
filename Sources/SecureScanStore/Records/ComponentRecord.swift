import GRDB
import SecureScanCore

/// A row of `components`.
struct ComponentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "components"

    var runSeq: Int64
    var purl: String
    var name: String
    var version: String
    var ecosystem: String
    var licenses: String
    var scope: String
    var manifestPath: String
    var hashes: String
    var dependsOn: String

    enum CodingKeys: String, CodingKey {
        case purl, name, version, ecosystem, licenses, scope, hashes
        case runSeq = "run_seq"
        case manifestPath = "manifest_path"
        case dependsOn = "depends_on"
    }

    init(_ component: Component, runSeq: Int64) {
        self.runSeq = runSeq
        purl = component.purl
        name = component.name
        version = component.version
        ecosystem = component.ecosystem
        licenses = JSONColumn.encode(component.licenses)
        scope = component.scope.rawValue
        manifestPath = component.manifestPath
        hashes = JSONColumn.encode(component.hashes)
        dependsOn = JSONColumn.encode(component.dependsOn)
    }

    var component: Component {
        Component(
            name: name, version: version, purl: purl, ecosystem: ecosystem,
            licenses: JSONColumn.decode([String].self, licenses, default: []), scope: Component.Scope(rawValue: scope) ?? .required,
            manifestPath: manifestPath, hashes: JSONColumn.decode([String: String].self, hashes, default: [:]),
            dependsOn: JSONColumn.decode([String].self, dependsOn, default: []))
    }
}
