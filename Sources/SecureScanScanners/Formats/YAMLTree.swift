import Yams

/// A YAML document as plain values, every scalar kept as its text (so `1.10` stays `1.10`, not 1.1).
enum YAMLTree: Sendable, Hashable {
    case scalar(String)
    case mapping([(key: String, value: YAMLTree)])
    case sequence([YAMLTree])
    case null

    static func == (lhs: YAMLTree, rhs: YAMLTree) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): a == b
        case (.sequence(let a), .sequence(let b)): a == b
        case (.null, .null): true
        case (.mapping(let a), .mapping(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        if case .scalar(let text) = self { hasher.combine(text) }
    }

    /// Parses one document; a YAML error names the line.
    static func parse(_ text: String, file: ManifestFile) throws(ScannersError) -> YAMLTree {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else { return .null }
            try checkExpansion(node, text: text, file: file)
            return convert(node)
        } catch let error as ScannersError {
            throw error
        } catch let error as YamlError {
            throw file.invalid("invalid YAML: \(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML")
        } catch {
            throw file.invalid("invalid YAML: \(error)")
        }
    }

    /// Every document of a multi-document stream.
    static func parseAll(_ text: String, file: ManifestFile) throws(ScannersError) -> [YAMLTree] {
        do {
            let nodes = Array(try Yams.compose_all(yaml: text, .basic))
            for node in nodes { try checkExpansion(node, text: text, file: file) }
            return nodes.map(convert)
        } catch let error as ScannersError {
            throw error
        } catch {
            throw file.invalid("invalid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
    }

    private static func checkExpansion(_ node: Node, text: String, file: ManifestFile) throws(ScannersError) {
        let limit = YAMLExpansion.limit(forBytes: text.utf8.count)
        if YAMLExpansion.exceeds(node, limit: limit) { throw file.invalid(YAMLExpansion.message(limit: limit)) }
    }

    private static func convert(_ node: Node) -> YAMLTree {
        switch node {
        case .scalar(let scalar):
            return scalar.string == "~" || (scalar.string == "null" && scalar.style == .plain) || (scalar.string.isEmpty && scalar.style == .plain)
                ? .null : .scalar(scalar.string)
        case .mapping(let mapping):
            return .mapping(mapping.map { (key: $0.key.string ?? "", value: convert($0.value)) })
        case .sequence(let sequence):
            return .sequence(sequence.map(convert))
        case .alias:
            return .null
        }
    }

    var string: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }

    var pairs: [(key: String, value: YAMLTree)] {
        if case .mapping(let pairs) = self { return pairs }
        return []
    }

    var items: [YAMLTree] {
        if case .sequence(let items) = self { return items }
        return []
    }

    subscript(key: String) -> YAMLTree? { pairs.first { $0.key == key }?.value }
}
