/// What an API key may do. Scopes are hierarchical: `read` ⊂ `write` ⊂ `admin`, so an admin key can do
/// everything a read key can.
public enum APIScope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case read
    case write
    case admin

    var level: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .admin: 2
        }
    }

    public static func < (lhs: APIScope, rhs: APIScope) -> Bool { lhs.level < rhs.level }

    /// The strongest of `scopes`, or nil for none.
    public static func strongest(_ scopes: [APIScope]) -> APIScope? { scopes.max() }

    /// Whether a holder of `scopes` may call a route that needs `required`.
    public static func grants(_ scopes: [APIScope], _ required: APIScope) -> Bool {
        (strongest(scopes).map { $0 >= required }) ?? false
    }
}
