import SecureScanCore

extension SecretRules {
    /// Identity providers, password managers and other SaaS APIs.
    static let services: [SecretRule] = [
        SecretRule(
            id: "1password-secret-key", title: "1Password secret key", severity: .critical, keywords: ["a3-"],
            pattern: #"\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b"#,
            minEntropy: 3.8),
        SecretRule(
            id: "1password-service-account-token", title: "1Password service account token", severity: .critical,
            keywords: ["ops_"], pattern: #"(ops_eyJ[a-zA-Z0-9+/]{250,}={0,3})"#, minEntropy: 4),
        SecretRule(
            id: "okta-access-token", title: "Okta API token", severity: .high, keywords: ["okta"],
            pattern: assignment("(?-i:[Oo]kta|OKTA)", "00[\\w=-]{40}"), minEntropy: 4),
        SecretRule(
            id: "intra42-client-secret", title: "42 Intra client secret", severity: .high,
            keywords: ["s-s4t2ud-", "s-s4t2af-"], pattern: #"\b(s-s4t2(?:ud|af)-(?i)[abcdef0123456789]{64})"# + end,
            minEntropy: 3),
        SecretRule(
            id: "sidekiq-secret", title: "Sidekiq Enterprise credentials", severity: .high,
            keywords: ["bundle_enterprise__contribsys__com", "bundle_gems__contribsys__com"],
            pattern: assignment("BUNDLE_ENTERPRISE__CONTRIBSYS__COM|BUNDLE_GEMS__CONTRIBSYS__COM", "[a-f0-9]{8}:[a-f0-9]{8}"),
            allow: SecretAllowlist(placeholders: false)),
        SecretRule(
            id: "sidekiq-sensitive-url", title: "Sidekiq Enterprise URL with credentials", severity: .high,
            keywords: ["gems.contribsys.com", "enterprise.contribsys.com"],
            pattern: #"(?i)\bhttps?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?:[/|#?:]|$)"#,
            allow: SecretAllowlist(placeholders: false)),
        SecretRule(
            id: "new-relic-user-api-key", title: "New Relic user API key", severity: .high, keywords: ["nrak-"],
            pattern: start + #"(NRAK-[A-Z0-9]{27})"# + end, minEntropy: 3.5),
        SecretRule(
            id: "linear-api-key", title: "Linear API key", severity: .high, keywords: ["lin_api_"],
            pattern: start + #"(lin_api_[a-zA-Z0-9]{40})"# + end, minEntropy: 3.5),
        SecretRule(
            id: "planetscale-api-token", title: "PlanetScale API token", severity: .high,
            keywords: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
            pattern: start + #"(pscale_(?:tkn|pw|oauth)_[\w=.-]{32,64})"# + end, minEntropy: 3),
        SecretRule(
            id: "doppler-api-token", title: "Doppler API token", severity: .high, keywords: ["dp.pt."],
            pattern: start + #"(dp\.pt\.[a-zA-Z0-9]{43})"# + end, minEntropy: 3.5),
        SecretRule(
            id: "postman-api-token", title: "Postman API key", severity: .high, keywords: ["pmak-"],
            pattern: start + #"(PMAK-[a-f0-9]{24}-[a-f0-9]{34})"# + end, minEntropy: 3),
    ]
}
