import SecureScanCore

/// The rule ids of the built-in scanners, for checking the ids people write (an inline `securescan:ignore`).
///
/// The namespaces of built-in rules (`secrets/`, `dockerfile/`, `license/`) are closed: an id in one of
/// them that no rule has is a mistake. Other ids (bandit's `B101`, checkov's `CKV_AWS_20`, a semgrep rule)
/// belong to external tools whose rules cannot be listed here, and are taken as written.
public enum RuleCatalog {
    public static let builtIn: Set<String> = Set(
        SecretRules.all.map(\.findingRuleID) + DockerfileRules.all.map(\.findingRuleID) + LicensePolicy.ruleIDs)

    static let closedNamespaces = ["secrets/", "dockerfile/", "license/"]

    /// Why `id` names no rule or scanner, with the closest known id; nil when it may name one.
    public static func problem(with id: String) -> String? {
        if id == "*" || builtIn.contains(id) || Scanners.named(id) != nil { return nil }
        guard let namespace = closedNamespaces.first(where: { id.hasPrefix($0) }) else { return nil }
        let candidates = builtIn.filter { $0.hasPrefix(namespace) }
        let closest = candidates.min { (EditDistance.between($0, id), $0) < (EditDistance.between($1, id), $1) }
        return "unknown rule '\(id)'" + (closest.map { " (did you mean '\($0)'?)" } ?? "")
    }
}
