/// Checks that need code rather than a pattern, for rules whose false positives a regex cannot describe.
enum SecretValidator: Sendable {
    /// `name = value` with a generic name: the name must not describe a non-secret and the value must
    /// not look like an identifier, path, URL, version or counting sequence.
    case genericAssignment
    /// `user:password` pairs and connection-string passwords: the password must not be a stand-in.
    case credentialPair
    /// A value assigned to, compared with or passed as a name: the name's words must say it is secret
    /// (``KeywordName``) and the value must look like one of its kind (``KeywordValue``).
    case keyword

    /// Whether the candidate should be dismissed.
    /// - Parameters:
    ///   - name: the identifier the value is assigned to (generic rules only).
    ///   - quoted: whether the value was written as a quoted literal.
    ///   - inSourceCode: whether the file is program source, where an unquoted value is an expression.
    func dismisses(
        secret: String, name: String, quoted: Bool, inSourceCode: Bool, patterns: ValidatorPatterns, scratch: PCREScratch
    ) -> Bool {
        switch self {
        case .genericAssignment:
            if inSourceCode && !quoted { return true }
            if ByteSearch.contains(name, "::") || patterns.benignName.matches(name, scratch: scratch) { return true }
            if let last = IdentifierWords.last(of: name), IdentifierWords.benignLastWords.contains(last) { return true }
            return GenericValue.looksBenign(secret, quoted: quoted, patterns: patterns, scratch: scratch)
        case .credentialPair:
            return CredentialPair.isStandIn(secret)
        case .keyword:
            guard let kind = KeywordName.kind(of: name) else { return true }
            return !KeywordValue.looksReal(secret, kind: kind, literal: quoted, inSourceCode: inSourceCode,
                                           patterns: patterns, scratch: scratch)
        }
    }
}

/// The compiled patterns validators use, built once per detector.
// @unchecked: only PCREPattern values, which are immutable and thread-safe (see PCREPattern).
struct ValidatorPatterns: @unchecked Sendable {
    /// Identifiers that contain a secret-ish word but name something else (`public_key`, `token_url`, `author`, …).
    let benignName: PCREPattern
    let lowercaseDotted: PCREPattern
    let version: PCREPattern
    let pathLike: PCREPattern
    let dottedExpression: PCREPattern
    let wordsJoined: PCREPattern
    /// `UPPER_SNAKE_CASE` names (optionally `@…@`/`$`-wrapped): constants, not values.
    let constantName: PCREPattern
    /// `fs.s3.enableServerSideEncryption`, `a.b.c()`: property names and call paths.
    let propertyName: PCREPattern
    /// `WordPressApp.zip`: file names.
    let fileName: PCREPattern

    init() throws(ScannersError) {
        benignName = try PCREPattern(
            #"(?:access(?:ib|or|[_.-]?(?:id|level|log|mode|type|list|control|time|rights?|count|date)\b)|random[_.-]?access|"#
                + #"api[_.-]?(?:id|name|version|url|uri|endpoint|base|host|path|port|docs?|level|group|type|prefix|server|client|call|spec|gateway|route|method)s?\b|"#
                + #"rapid|capital|author|auth(?:ority|or|ors|entication-results)|auth[_.-]?(?:source|type|mode|method|provider|url|uri|endpoint|domain|level|header|service|flow|scheme|server|path|plugin|backend|realm|strategy|handler|state|status|kind)s?\b|"#
                + #"x-ms-exchange|credentials?[_.-]?(?:id|url|uri|file|path|provider|type|name|source|helper|store|manager)s?\b|withcredentials|"#
                + #"(?:bucket|foreign|hot|idx|natural|primary|pub|public|schema|sequence|partition|sort|range|hash|cache|map|dict|lookup|result|limit|dest|s3|row|column|index|unique|composite|ssh|gpg|pgp|sign|signing|verify|verification|encryption|license|licence|registry|object|item|entry|storage|translation|i18n|message|config|setting|env|idempotency|dedup|group|sharding|shard|routing|row|parent|child|node|react|list|menu|tab|field|prop|state|query|form|cursor|sequence|page|session|unique|event|metric|label|tag|annotation)[_.-]?key|"#
                + #"key[_.-]?(?:alias|board|code|frame|id|length|mesh|name|pair|press|pressed|ring|selector|signature|size|stone|store|storetype|word|up|down|left|right|type|event|map|path|file|s\b|spec|format|usage|field|column|prefix|suffix|set|schedule|binding|handler|listener|chain|stroke|vault|tab|count|index|ref|version|hash|fingerprint|algorithm|algo|bits|len|bytes|usage|manager|provider|server|url|uri|cache|func|fn|attr|attribute|value|values|list|spacing|space)|"#
                + #"keyvault|keychain|keytab|keystore|issuerkeyhash|(?-i:[DdMm]onkey|[DM]ONKEY)|keying|turkey|hockey|jockey|whiskey|keynote|"#
                + #"secrets?[_.-]?(?:length|name|size|id|ref|path|file|manager|arn|version|type|store|provider|key[_.-]?ref|mount|backend|engine|volume|dir)s?\b|usersecretsid|secretsmanager|"#
                + #"csrf|xsrf|jsonwebtoken|(?:api|credentials|token)[_.-]?(?:endpoint|ur[il])|"#
                + #"token[_.-]?(?:file|path|type|name|endpoint|url|uri|expir\w*|ttl|lifetime|length|count|limit|size|id|usage|kind|class|index|pos|position|start|stream|header|field|param|key|store|cache|provider|source|audience|issuer|scope|method|format|prefix|suffix|len|budget)s?\b|"#
                + #"tokeni[sz]|public[_.-]?token|passwords?[_.-]?(?:hash|hashed|policy|length|field|input|label|placeholder|prompt|reset|rules?|strength|confirm|changed|expir\w*|min|max|regex|pattern|validator|file|path|variable|env|param|ref|id|salt|encoder|hasher|manager|provider|store|mode|type|auth)s?\b|"#
                + #"(?:^|[_.-])(?:is|has|use|enable|show|hide|allow|require|needs?|should|can|with|no|skip)[_.-]?(?:api|auth|key|token|secret|password|passwd|credentials?|access)|"#
                // Pagination and idempotency tokens are cursors, not credentials.
                + #"(?:next|page|continuation|pagination|sync|client|idempotency|marker|cursor|change|request|nonce|resume|input|output|lock|update|copy)[_.-]?token|"#
                // Permission and policy names (`ReadOnlyAccess`, `FullAccess`) end in "access".
                + #"access$"#
                + #")"#, caseless: true)
        lowercaseDotted = try PCREPattern(#"^[a-z0-9][a-z0-9_/-]*(?:\.[a-z0-9_/-]+)+$"#)
        version = try PCREPattern(#"\d+\.\d+\.\d+|(?i:snapshot|release|final|:jar:)"#)
        // A base64 key may start with `/`; paths have no `+` or `=`.
        pathLike = try PCREPattern(#"^(?:\.{0,2}/|~/|[A-Za-z]:\\)[^+=]*$|/[^/+=]+\.[A-Za-z0-9]{1,5}$"#)
        dottedExpression = try PCREPattern(#"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$"#)
        wordsJoined = try PCREPattern(#"^[A-Za-z][A-Za-z0-9]{0,11}(?:_[A-Za-z0-9]{1,12}){2,}$"#)
        constantName = try PCREPattern(#"^[@$%]?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+[@%]?$"#)
        propertyName = try PCREPattern(#"^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*){2,}(?:\(\))?$"#)
        fileName = try PCREPattern(#"^[\w.-]+\.[A-Za-z]{2,5}$"#)
    }
}

/// Heuristics for values of generic `name = value` assignments.
enum GenericValue {
    static func looksBenign(_ value: String, quoted: Bool, patterns: ValidatorPatterns, scratch: PCREScratch) -> Bool {
        // Only letters and punctuation: a word, an identifier or a colour name, not a key.
        if value.utf8.allSatisfy({ isLetter($0) || "_.-# ".utf8.contains($0) }) { return true }
        // Truncated documentation values (`eyJ2...`).
        if ByteSearch.contains(value, "...") { return true }
        if ByteSearch.contains(value, "://") { return true }
        if patterns.lowercaseDotted.matches(value, scratch: scratch) { return true }
        if patterns.version.matches(value, scratch: scratch) { return true }
        if patterns.pathLike.matches(value, scratch: scratch) { return true }
        if patterns.wordsJoined.matches(value, scratch: scratch) { return true }
        if !quoted && patterns.dottedExpression.matches(value, scratch: scratch) { return true }
        if patterns.constantName.matches(value, scratch: scratch) { return true }
        if patterns.propertyName.matches(value, scratch: scratch) || patterns.fileName.matches(value, scratch: scratch) { return true }
        return hasCountingRun(value, length: 6)
    }

    /// `abcdef`, `123456`, `fedcba`: alphabets and counting sequences, not random keys.
    static func hasCountingRun(_ value: String, length: Int) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= length else { return false }
        var up = 1, down = 1
        for index in 1..<bytes.count {
            let (a, b) = (bytes[index - 1], bytes[index])
            up = (b == a &+ 1 && isAlphanumeric(a) && isAlphanumeric(b)) ? up + 1 : 1
            down = (a == b &+ 1 && isAlphanumeric(a) && isAlphanumeric(b)) ? down + 1 : 1
            if up >= length || down >= length { return true }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) }
}

/// Stand-ins for passwords in `user:password` pairs and connection strings.
enum CredentialPair {
    static let standInPasswords: Set<String> = [
        "pass", "password", "passwd", "pwd", "test", "token", "secret", "changeit", "changeme", "example", "dummy",
        "admin", "root", "user", "username", "pass123", "password123", "p@ssw0rd", "mypassword", "yourpassword",
        "guest", "default", "foo", "bar", "foobar", "none", "null", "empty", "xxx", "secretpassword",
    ]

    static func isStandIn(_ secret: String) -> Bool {
        let password: Substring
        if let colon = secret.firstIndex(of: ":") {
            let user = secret[..<colon], rest = secret[secret.index(after: colon)...]
            password = rest.isEmpty ? user : rest
        } else {
            password = secret[...]
        }
        let trimmed = password.trimmingCharacters(in: "\"'{}")
        let lowered = trimmed.lowercased()
        if lowered.isEmpty || standInPasswords.contains(lowered) { return true }
        if let first = lowered.first, "$<[%*".contains(first) { return true }
        if lowered.hasPrefix("{{") || lowered.allSatisfy({ $0 == "x" || $0 == "*" }) { return true }
        return Placeholder.matches(String(trimmed))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var value = self
        while let first = value.first, set.contains(first) { value = value.dropFirst() }
        while let last = value.last, set.contains(last) { value = value.dropLast() }
        return value
    }
}

/// The words of an identifier: `CurrentKeyMaterialId` → current, key, material, id.
enum IdentifierWords {
    /// Last words that name what a value *is about* rather than a credential.
    static let benignLastWords: Set<String> = [
        "id", "ids", "arn", "arns", "name", "names", "path", "paths", "file", "files", "dir", "type", "types", "url", "urls",
        "uri", "version", "length", "size", "count", "index", "mode", "format", "enabled", "disabled", "source", "target",
        "status", "state", "policy", "policies", "role", "region", "zone", "endpoint", "host", "port", "prefix", "suffix",
        "label", "title", "description", "pattern", "regex", "template", "style", "class", "field", "header", "param",
        "location", "provider", "alias", "ref", "reference", "level", "scope", "scopes", "group", "kind", "date", "time",
        "sha", "sha1", "sha256", "sha512", "md5", "hash", "digest", "checksum", "fingerprint", "expression",
    ]

    /// The identifier's last word, lowercased: words split at anything but ASCII letters and digits and
    /// at a lower-to-upper case change (`awsSecretKey` → `key`, `API_TOKEN_2` → `2`). The engine's
    /// identifiers are ASCII (``SecretDetector`` takes them from `[A-Za-z0-9_.:-]` bytes), so it works on
    /// bytes: classifying `Character`s was a tenth of a 10,000-secret scan.
    static func last(of identifier: String) -> String? {
        var last: ArraySlice<UInt8>?
        var start: Int?
        var previousWasLower = false
        let bytes = Array(identifier.utf8)
        for (index, byte) in bytes.enumerated() {
            let upper = byte >= 0x41 && byte <= 0x5A, lower = byte >= 0x61 && byte <= 0x7A, digit = byte >= 0x30 && byte <= 0x39
            if !(upper || lower || digit) {
                if let begun = start { last = bytes[begun..<index] }
                start = nil
                previousWasLower = false
                continue
            }
            if upper && previousWasLower, let begun = start {
                last = bytes[begun..<index]
                start = index
            }
            if start == nil { start = index }
            previousWasLower = lower || digit
        }
        if let begun = start { last = bytes[begun...] }
        return last.map { String(decoding: $0.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self) }
    }
}
