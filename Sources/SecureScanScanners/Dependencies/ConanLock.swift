import Foundation
import SecureScanCore

/// Conan's `conan.lock`: the v1 graph lock (`graph_lock.nodes`, with edges, node `0` being the consumer)
/// and the v2 lists (`requires`, `build_requires`, `python_requires`). Build-context packages are tools,
/// reported with development scope.
enum ConanLock {
    static let format = LockfileFormat(
        id: "conan-lock", matches: { name, _ in name == "conan.lock" || name.hasSuffix(".lock") && name.hasPrefix("conan") }, read: read)

    private struct Lockfile: Decodable {
        let graphLock: GraphLock?
        let requires: [String]?
        let buildRequires: [String]?
        let pythonRequires: [String]?

        enum CodingKeys: String, CodingKey {
            case graphLock = "graph_lock"
            case requires
            case buildRequires = "build_requires"
            case pythonRequires = "python_requires"
        }
    }

    private struct GraphLock: Decodable {
        let nodes: [String: Node]
    }

    private struct Node: Decodable {
        let ref: String?
        let requires: [String]?
        let buildRequires: [String]?
        let context: String?

        enum CodingKeys: String, CodingKey {
            case ref, requires, context
            case buildRequires = "build_requires"
        }
    }

    /// A reference `name/version[@user/channel][#revision[%timestamp]]`.
    struct Reference: Equatable {
        let name: String
        let version: String
        let user: String?
        let channel: String?

        init?(_ text: String) {
            let withoutRevision = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let halves = withoutRevision.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let nameVersion = halves[0].split(separator: "/", omittingEmptySubsequences: false)
            guard nameVersion.count == 2, !nameVersion[0].isEmpty, !nameVersion[1].isEmpty else { return nil }
            name = String(nameVersion[0])
            version = String(nameVersion[1])
            if halves.count == 2 {
                let userChannel = halves[1].split(separator: "/", omittingEmptySubsequences: false)
                guard userChannel.count <= 2 else { return nil }
                user = userChannel.first.map(String.init).flatMap { $0 == "_" || $0.isEmpty ? nil : $0 }
                channel = userChannel.count == 2 && userChannel[1] != "_" ? String(userChannel[1]) : nil
            } else {
                user = nil
                channel = nil
            }
        }

        var purl: String {
            var qualifiers: [String: String] = [:]
            if let user { qualifiers["user"] = user }
            if let channel { qualifiers["channel"] = channel }
            return PackageURL.make(type: "conan", name: name, version: version, qualifiers: qualifiers)
        }
    }

    static func read(_ file: ManifestFile) throws(ScannersError) -> Catalog {
        let lockfile = try LockfileJSON.decode(Lockfile.self, from: file)
        var catalog = Catalog(components: [])
        func component(_ text: String, field: String, scope: Component.Scope, edges: [String] = []) -> Component? {
            guard let reference = Reference(text) else {
                catalog.skipped.append("field \(field): `\(text)` is not a `name/version[@user/channel]` reference")
                return nil
            }
            return Component(
                name: reference.name, version: reference.version, purl: reference.purl, ecosystem: "ConanCenter",
                scope: scope, manifestPath: file.path, dependsOn: edges)
        }
        if let nodes = lockfile.graphLock?.nodes {
            let purls = nodes.compactMapValues { $0.ref.flatMap(Reference.init)?.purl }
            for key in nodes.keys.sorted() {
                let node = nodes[key]!
                guard let ref = node.ref else { continue }
                let edges = ((node.requires ?? []) + (node.buildRequires ?? [])).compactMap { purls[$0] }
                if let item = component(ref, field: "graph_lock.nodes.\(key).ref", scope: node.context == "build" ? .development : .required,
                                        edges: Array(Set(edges)).sorted()) {
                    catalog.components.append(item)
                }
            }
        }
        for (list, field, scope) in [(lockfile.requires, "requires", Component.Scope.required),
                                     (lockfile.buildRequires, "build_requires", .development),
                                     (lockfile.pythonRequires, "python_requires", .development)] {
            for (index, text) in (list ?? []).enumerated() {
                if let item = component(text, field: "\(field).[\(index)]", scope: scope) { catalog.components.append(item) }
            }
        }
        catalog.components.sort { $0.purl < $1.purl }
        return catalog
    }
}
