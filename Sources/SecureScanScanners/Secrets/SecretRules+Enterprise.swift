import SecureScanCore

extension SecretRules {
    /// IBM Cloud (IAM, Cloud Object Storage, Cloudant), SoftLayer, package-registry auth files, and chat
    /// and telephony tokens that carry no fixed prefix of their own: each found where its format or the
    /// name it is assigned to says what it is.
    static let enterprise: [SecretRule] = [
        SecretRule(
            id: "ibm-cloud-iam-key", title: "IBM Cloud IAM API key", severity: .critical, keywords: ["ibm", "iam"],
            pattern: assignment(#"ibm[_.-]?(?:cloud[_.-]?)?(?:iam[_.-]?)?(?:api[_.-]?)?(?:key|pwd|password|pass|token)|iam[_.-]?(?:api[_.-]?)?(?:key|token)"#,
                                "[A-Za-z0-9_-]{44}"),
            minEntropy: 3.5,
            remediation: "Delete the API key in IBM Cloud (Manage > Access (IAM) > API keys) and issue a new one from a secret store."),
        SecretRule(
            id: "ibm-cos-hmac-secret", title: "IBM Cloud Object Storage HMAC secret access key", severity: .critical,
            keywords: ["secret_access_key", "secret-access-key", "secretaccesskey", "secret.access.key", "cos_hmac", "cos-hmac"],
            pattern: assignment(#"secret[_.-]?access[_.-]?key|cos[_.-]?hmac[_.-]?(?:secret|key)"#, "[a-f0-9]{48}"), minEntropy: 3),
        SecretRule(
            id: "cloudant-credential", title: "IBM Cloudant password or API key", severity: .high, keywords: ["cloudant"],
            pattern: assignment("cloudant", "[a-f0-9]{64}|[a-z]{24}"), minEntropy: 3),
        SecretRule(
            id: "softlayer-api-key", title: "SoftLayer API key", severity: .high,
            keywords: ["softlayer", "sl_api", "sl-api", "slapi", "sl_key", "sl-key"],
            pattern: assignment(#"softlayer|sl[_.-]?api[_.-]?key|sl[_.-]?key"#, "[a-z0-9]{64}"), minEntropy: 3),
        SecretRule(
            id: "softlayer-api-url", title: "SoftLayer API key in an API URL", severity: .high, keywords: ["api.softlayer.com"],
            pattern: #"(?i)api\.softlayer\.com/(?:soap|rest)/v3(?:\.1)?/([a-z0-9]{64})(?![a-z0-9])"#, minEntropy: 3),
        SecretRule(
            id: "npmrc-auth-token", title: "npm registry auth token", severity: .high, keywords: ["_authtoken"],
            pattern: #"(?i)_authToken[ \t]*=[ \t]*["']?([A-Za-z0-9_.+/=-]{20,})(?=["'\s]|$)"#, minEntropy: 3,
            remediation: "Revoke the token (npm token revoke) and read it from the environment: _authToken=${NPM_TOKEN}."),
        SecretRule(
            id: "npmrc-basic-auth", title: "npm registry password or basic auth", severity: .high, keywords: ["_auth", "_password"],
            pattern: #"(?i)(?:^|[\s/:])_(?:auth|password)[ \t]*=[ \t]*["']?([A-Za-z0-9+/]{12,}={0,2})(?=["'\s]|$)"#, minEntropy: 3),
        SecretRule(
            id: "discord-bot-token", title: "Discord bot token", severity: .high,
            keywords: ["discord", "token", "bot", ".run(", "login("],
            pattern: start + #"([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})"# + end, minEntropy: 4),
        SecretRule(
            id: "twilio-account-sid", title: "Twilio account SID", severity: .low, keywords: ["twilio", "sid"],
            pattern: start + #"(AC[a-f0-9]{32})(?![A-Za-z0-9])"#, minEntropy: 3,
            allow: SecretAllowlist(secrets: ["^AC0{32}$"])),
        SecretRule(
            id: "twilio-auth-token", title: "Twilio auth token", severity: .critical, keywords: ["twilio"],
            pattern: assignment(#"twilio[\w.-]{0,20}?(?:auth|token|secret)"#, "[a-f0-9]{32}"), minEntropy: 3),
        SecretRule(
            id: "url-credentials-other-scheme", title: "Credentials in a URL", severity: .high, keywords: ["://"],
            pattern: #"(?i)\b(?![a-z0-9+.-]*(?:https?|postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|ldaps?|smtps?|s?ftp)://)[a-z][a-z0-9+.-]{1,30}://[A-Za-z0-9._~%!$&*+;=-]{1,100}:([^@/\s'"]{3,150})@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#,
            validator: .credentialPair),
    ]
}
