import SecureScanCore

extension SecretRules {
    /// Values that look like keys but are published on purpose: a demo key in many front-end bundles.
    static let publicDemoKeys = ["^6fe4476ee5a1832882e326b506d14126$"]

    /// Rules that recognize a secret by how it is used rather than by its format.
    static let generic: [SecretRule] = [
        SecretRule(
            id: "generic-api-key", title: "Hard-coded credential", severity: .medium,
            keywords: ["access", "api", "auth", "key", "credential", "creds", "passwd", "password", "pwd", "secret", "token"],
            pattern: #"(?i)(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|pwd|secret|token)[\w.-]{0,25}?[ \t'"]{0,12}(?:=(?!=)|:{1,3}=|\?=|=>|:|\|\||>|(?<=['"])[ \t]{0,3},)[ \t]{0,5}(?:"([^"\s\\:,]{8,150})"|'([^'\s\\:,]{8,150})'|\x60([^\x60\s\\:,]{8,150})\x60|=?([\w.=~+/-]{10,150})(?=[\s;,)<>\]}|]|\\[nrt]|$))"#,
            minEntropy: 3.5,
            allow: SecretAllowlist(
                secrets: publicDemoKeys,
                lines: [#"--mount=type=secret,"#, #"import[ \t]+\{[ \t\w,]+\}[ \t]+from[ \t]+['"][^'"]+['"]"#],
                // Documentation values: AWS's docs end every sample key in EXAMPLE; mocks and samples say so.
                stopwords: ["example", "sample", "mock"]),
            remediation: "Move the value to a secret manager or environment variable and rotate it.",
            validator: .genericAssignment),
        SecretRule(
            id: "connection-string-password", title: "Password in a connection string", severity: .high,
            keywords: ["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "ldap", "jdbc:", "smtp://", "ftp://"],
            pattern: #"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z]+|ldaps?|smtps?|s?ftp)://[^:@/\s'"]{1,100}:([^@/\s'"]{3,150})@[^\s'"/]+"#,
            remediation: "Take the password out of the connection string and supply it from a secret store.",
            validator: .credentialPair),
        SecretRule(
            id: "url-credentials", title: "Credentials in a URL", severity: .high, keywords: ["://"],
            pattern: #"(?i)\bhttps?://[A-Za-z0-9._~%!$&*+;=-]{1,100}:([^@/\s'"]{3,150})@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#,
            validator: .credentialPair),
        SecretRule(
            id: "curl-auth-header", title: "Credential in a curl header", severity: .high, keywords: ["curl"],
            pattern: #"\bcurl\b(?:[^\n]*?\n){0,5}?[^\n]*?[ \t](?:-H|--header)(?:=|[ \t]{0,5})(?:"(?i:authorization:[ \t]{0,5}(?:basic[ \t]([a-z0-9+/]{8,}={0,3})|(?:bearer|(?:api-)?token)[ \t]([\w=~@.+/-]{8,})|([\w=~@.+/-]{8,}))|(?:x-(?:[a-z]+-)?)?(?:api-?)?(?:key|token):[ \t]{0,5}([\w=~@.+/-]{8,}))"|'(?i:authorization:[ \t]{0,5}(?:basic[ \t]([a-z0-9+/]{8,}={0,3})|(?:bearer|(?:api-)?token)[ \t]([\w=~@.+/-]{8,})|([\w=~@.+/-]{8,}))|(?:x-(?:[a-z]+-)?)?(?:api-?)?(?:key|token):[ \t]{0,5}([\w=~@.+/-]{8,}))')"#,
            minEntropy: 2.75, window: 6),
        SecretRule(
            id: "curl-auth-user", title: "Credential in a curl --user option", severity: .high, keywords: ["curl"],
            pattern: #"\bcurl\b(?:[^\n]*?\n){0,5}?[^\n]*?[ \t](?:-u|--user)(?:=|[ \t]{0,5})(?:"(:[^"]{3,}|[^:"]{3,}:|[^:"]{3,}:[^"]{3,})"|'([^:']{3,}:[^']{3,})'|((?:"[^"]{3,}"|'[^']{3,}'|[\w$@.-]+):(?:"[^"]{3,}"|'[^']{3,}'|[\w${}@.!#~-]+)))(?:\s|$)"#,
            minEntropy: 2, window: 6, validator: .credentialPair),
    ]
}
