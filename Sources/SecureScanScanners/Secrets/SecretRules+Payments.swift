import SecureScanCore

extension SecretRules {
    /// Payment and commerce APIs.
    static let payments: [SecretRule] = [
        SecretRule(
            id: "stripe-access-token", title: "Stripe secret or restricted key", severity: .critical,
            keywords: ["sk_test", "sk_live", "sk_prod", "rk_test", "rk_live", "rk_prod"],
            pattern: start + #"((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})"# + end, minEntropy: 2,
            remediation: "Roll the key in the Stripe dashboard; test-mode keys should be rotated too."),
        SecretRule(
            id: "stripe-webhook-secret", title: "Stripe webhook signing secret", severity: .high, keywords: ["whsec_"],
            pattern: start + #"(whsec_[a-zA-Z0-9]{32,})"# + end, minEntropy: 3.5),
        SecretRule(
            id: "square-access-token", title: "Square access token", severity: .critical, keywords: ["sq0atp-", "eaaa"],
            pattern: start + #"((?:EAAA|sq0atp-)[\w-]{22,60})"# + end, minEntropy: 2),
        SecretRule(
            id: "square-secret", title: "Square application secret", severity: .critical, keywords: ["sq0csp-"],
            pattern: start + #"(sq0csp-[0-9A-Za-z_-]{43})"# + end, minEntropy: 2),
        SecretRule(
            id: "paypal-braintree-access-token", title: "PayPal Braintree access token", severity: .critical,
            keywords: ["access_token$production$"],
            pattern: #"(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})"#, minEntropy: 3),
        SecretRule(
            id: "shopify-access-token", title: "Shopify access token", severity: .critical,
            keywords: ["shpat_", "shpca_", "shppa_", "shpss_"],
            pattern: start + #"(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})"# + end, minEntropy: 3),
        SecretRule(
            id: "easypost-api-token", title: "EasyPost API token", severity: .high, keywords: ["ezak"],
            pattern: #"\b(EZAK(?i)[a-z0-9]{54})\b"#, minEntropy: 2),
        SecretRule(
            id: "easypost-test-api-token", title: "EasyPost test API token", severity: .medium, keywords: ["eztk"],
            pattern: #"\b(EZTK(?i)[a-z0-9]{54})\b"#, minEntropy: 2),
        SecretRule(
            id: "etsy-access-token", title: "Etsy access token", severity: .high, keywords: ["etsy"],
            pattern: assignment("(?-i:ETSY|[Ee]tsy)", "[a-z0-9]{24}"), minEntropy: 3),
    ]
}
