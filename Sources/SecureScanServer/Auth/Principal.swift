import SecureScanCore

/// Who is calling: the environment's key (`SECURESCAN_API_KEY`, full trust) or a database key.
struct Principal: Sendable, Hashable {
    enum Source: String, Sendable {
        case environment = "env"
        case database = "db"
    }

    /// `env`, or the key's id: what triage writes record as the author.
    let id: String
    let name: String
    let scopes: [APIScope]
    let source: Source

    static let environment = Principal(id: "env", name: "SECURESCAN_API_KEY", scopes: [.admin], source: .environment)

    func grants(_ scope: APIScope) -> Bool { APIScope.grants(scopes, scope) }
}
