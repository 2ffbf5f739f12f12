import SecureScanXML

/// The parts of one POM that cataloging needs, as written (before inheritance and interpolation).
struct MavenModel: Sendable {
    struct Parent: Sendable {
        var groupId: String?
        var artifactId: String?
        var version: String?
        var relativePath: String?
    }

    struct Dependency: Sendable {
        var groupId: String
        var artifactId: String
        var version: String?
        var scope: String?
        var type: String?
        var classifier: String?
        var optional: Bool
        var line: Int

        /// Maven's management key: group, artifact, type and classifier.
        var key: String { "\(groupId):\(artifactId):\(type ?? "jar"):\(classifier ?? "")" }
    }

    var groupId: String?
    var artifactId: String?
    var version: String?
    var packaging: String?
    var parent: Parent?
    var properties: [String: String]
    var dependencies: [Dependency]
    var managed: [Dependency]
    var licenses: [String]

    init(_ project: XMLTree) {
        func value(_ node: XMLTree?) -> String? {
            guard let text = node?.value, !text.isEmpty else { return nil }
            return text
        }
        groupId = value(project.child("groupId"))
        artifactId = value(project.child("artifactId"))
        version = value(project.child("version"))
        packaging = value(project.child("packaging"))
        if let parent = project.child("parent") {
            self.parent = Parent(
                groupId: value(parent.child("groupId")), artifactId: value(parent.child("artifactId")),
                version: value(parent.child("version")), relativePath: parent.child("relativePath").map(\.value))
        }
        var properties: [String: String] = [:]
        for property in project.child("properties")?.children ?? [] { properties[property.name] = property.value }
        self.properties = properties
        func dependencies(_ list: XMLTree?) -> [Dependency] {
            (list?.children("dependency") ?? []).compactMap { node in
                guard let group = value(node.child("groupId")), let artifact = value(node.child("artifactId")) else { return nil }
                return Dependency(
                    groupId: group, artifactId: artifact, version: value(node.child("version")), scope: value(node.child("scope")),
                    type: value(node.child("type")), classifier: value(node.child("classifier")),
                    optional: value(node.child("optional")) == "true", line: node.line)
            }
        }
        self.dependencies = dependencies(project.child("dependencies"))
        self.managed = dependencies(project.path("dependencyManagement", "dependencies"))
        self.licenses = (project.child("licenses")?.children("license") ?? []).compactMap { value($0.child("name")) ?? value($0.child("url")) }
    }
}
