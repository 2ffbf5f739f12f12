/// A run's components as one SBOM sees them: one entry per package URL (a package found in several
/// manifests is one package, listing every manifest), dependency edges kept only between packages that
/// are present, and the roots (packages nothing else depends on), which the scanned target depends on.
public struct ComponentInventory: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// The merged component: the broadest scope seen, every license, hash and edge.
        public var component: Component
        /// Every manifest that declares it, sorted.
        public var manifests: [String]
    }

    /// Sorted by purl.
    public let entries: [Entry]
    /// Purls the target depends on directly: those no other package depends on.
    public let roots: [String]

    public init(_ components: [Component]) {
        var merged: [String: Entry] = [:]
        for component in components {
            guard var entry = merged[component.purl] else {
                merged[component.purl] = Entry(component: component, manifests: [component.manifestPath])
                continue
            }
            entry.manifests.append(component.manifestPath)
            entry.component.scope = min(entry.component.scope, component.scope)
            entry.component.licenses += component.licenses.filter { !entry.component.licenses.contains($0) }
            entry.component.hashes.merge(component.hashes) { first, _ in first }
            entry.component.dependsOn += component.dependsOn
            merged[component.purl] = entry
        }
        var incoming = Set<String>()
        var entries: [Entry] = []
        for purl in merged.keys.sorted() {
            var entry = merged[purl]!
            entry.manifests = Array(Set(entry.manifests)).sorted()
            entry.component.dependsOn = Array(Set(entry.component.dependsOn.filter { merged[$0] != nil && $0 != purl })).sorted()
            entry.component.manifestPath = entry.manifests[0]
            incoming.formUnion(entry.component.dependsOn)
            entries.append(entry)
        }
        self.entries = entries
        self.roots = entries.map(\.component.purl).filter { !incoming.contains($0) }
    }
}

extension Component.Scope: Comparable {
    private var rank: Int {
        switch self {
        case .required: 0
        case .optional: 1
        case .development: 2
        }
    }

    /// `required` < `optional` < `development`: merging keeps the smallest, the scope that matters most.
    public static func < (lhs: Component.Scope, rhs: Component.Scope) -> Bool { lhs.rank < rhs.rank }
}
