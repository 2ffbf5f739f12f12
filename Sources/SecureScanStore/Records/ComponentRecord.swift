import SecureScanCore

/// A row of `components`.
struct ComponentRecord {
    static let table = "components"
    /// The table's columns, in the order of ``arguments`` and of ``component(row:)``.
    static let columns = ["run_seq", "purl", "name", "version", "ecosystem", "licenses", "scope", "manifest_path", "hashes", "depends_on", "properties"]
    static let columnList = columns.joined(separator: ", ")

    var runSeq: Int64
    var component: Component

    init(_ component: Component, runSeq: Int64) {
        self.runSeq = runSeq
        self.component = component
    }

    var arguments: [SQLArgument] {
        [runSeq.sqlArgument, component.purl.sqlArgument, component.name.sqlArgument, component.version.sqlArgument,
         component.ecosystem.sqlArgument, JSONColumn.encode(component.licenses).sqlArgument, component.scope.rawValue.sqlArgument,
         component.manifestPath.sqlArgument, JSONColumn.encode(component.hashes).sqlArgument,
         JSONColumn.encode(component.dependsOn).sqlArgument, JSONColumn.encode(component.properties).sqlArgument]
    }

    static func component(row: SQLRow) -> Component {
        let scope: String = row[6]
        return Component(
            name: row[2], version: row[3], purl: row[1], ecosystem: row[4],
            licenses: JSONColumn.decode([String].self, row[5], default: []), scope: Component.Scope(rawValue: scope) ?? .required,
            manifestPath: row[7], hashes: JSONColumn.decode([String: String].self, row[8], default: [:]),
            dependsOn: JSONColumn.decode([String].self, row[9], default: []),
            properties: JSONColumn.decode([String: String].self, row[10], default: [:]))
    }
}
