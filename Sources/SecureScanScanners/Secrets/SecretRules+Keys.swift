import SecureScanCore

extension SecretRules {
    /// Private keys and signed tokens.
    static let keys: [SecretRule] = [
        SecretRule(
            id: "private-key", title: "Private key", severity: .critical, keywords: ["-----begin"],
            pattern: #"(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([A-Za-z0-9+/=\s\\:,.-]{64,}?)-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----"#,
            window: 200, allow: SecretAllowlist(secrets: ["EXAMPLE"], placeholders: false),
            remediation: "Treat the key as compromised: revoke it, issue a new one, and keep it out of the repository."),
        SecretRule(
            id: "putty-private-key", title: "PuTTY private key", severity: .critical, keywords: ["putty-user-key-file-"],
            pattern: #"(PuTTY-User-Key-File-[23]: [\s\S]{64,}?Private-MAC: [0-9a-f]{40,64})"#, window: 60,
            allow: SecretAllowlist(placeholders: false)),
        SecretRule(
            id: "age-secret-key", title: "age secret key", severity: .critical, keywords: ["age-secret-key-1"],
            pattern: #"(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})"#),
        SecretRule(
            id: "jwt", title: "JSON Web Token", severity: .medium, keywords: ["eyj"],
            pattern: #"\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)"# + end,
            minEntropy: 3,
            remediation: "Invalidate the token (rotate its signing key if it does not expire) and remove it."),
        SecretRule(
            id: "jwt-base64", title: "Base64-encoded JSON Web Token", severity: .medium, keywords: ["zxlk"],
            pattern: #"\b(ZXlK(?:aGJHY2lPaU|aGNIVWlPaU|aGNIWWlPaU|aGRXUWlPaU|aU5qUWlP|amNtbDBJanBi|amRIa2lPaU|bGNHc2lPbn|bGJtTWlPaU|cWEzVWlPaU|cWQyc2lPb|cGMzTWlPaU|cGRpSTZJ|cmFXUWlP|clpYbGZiM0J6SWpwY|cmRIa2lPaUp|dWIyNWpaU0k2|d01tTWlP|d01uTWlPaU|d2NIUWlPaU|emRXSWlPaU|emRuUWlP|MFlXY2lPaU|MGVYQWlPaUp|MWNtd2l|MWMyVWlPaUp|MlpYSWlPaU|MlpYSnphVzl1SWpv|NElqb2|NE5XTWlP|NE5YUWlPaU|NE5YUWpVekkxTmlJNkl|NE5YVWlPaU|NmFYQWlPaU)[a-zA-Z0-9/\\_+-]{40,}={0,2})"#,
            minEntropy: 2),
    ]
}
