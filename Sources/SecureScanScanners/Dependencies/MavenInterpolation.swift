import SecureScanCore

/// `${name}` references in POM values, resolved against the effective properties. References nest
/// (`${a}` → `${b}` → value) up to a fixed depth, so a self-referencing property ends instead of looping;
/// an undefined reference is left as written for the caller to report.
struct MavenInterpolation: Sendable {
    let properties: [String: String]
    static let maximumDepth = 10

    func text(_ value: String) -> String {
        var current = value
        for _ in 0..<Self.maximumDepth {
            guard current.contains("${") else { return current }
            var result = ""
            var rest = Substring(current)
            var changed = false
            while let start = rest.firstRange(of: "${") {
                result += rest[..<start.lowerBound]
                guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
                let name = String(rest[start.upperBound..<end])
                if let replacement = properties[name] {
                    result += replacement
                    changed = true
                } else {
                    result += rest[start.lowerBound...end]
                }
                rest = rest[rest.index(after: end)...]
            }
            current = (result + rest).trimmingSpaces
            if !changed { return current }
        }
        return current
    }

    func apply(_ dependency: MavenModel.Dependency) -> MavenModel.Dependency {
        var resolved = dependency
        resolved.groupId = text(dependency.groupId)
        resolved.artifactId = text(dependency.artifactId)
        resolved.version = dependency.version.map(text)
        resolved.scope = dependency.scope.map(text)
        resolved.type = dependency.type.map(text)
        resolved.classifier = dependency.classifier.map(text)
        return resolved
    }

    /// A soft requirement (`1.2`) or a hard one (`[1.2]`) is that version; a real range (`[1.0,2.0)`) is nil.
    static func pinnedVersion(_ version: String) -> String? {
        let text = version.trimmingSpaces
        guard let first = text.first, first == "[" || first == "(" else { return text }
        guard first == "[", text.hasSuffix("]"), !text.contains(",") else { return nil }
        return String(text.dropFirst().dropLast()).trimmingSpaces
    }
}
