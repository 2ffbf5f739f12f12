/// Whether a name says that what it holds is secret, decided on its words: `DB_PASSWORD`, `smtpPassword`,
/// `apiKey`, `$config['secret']` and `ENV['API_TOKEN']` do; `password_length`, `tokenUrl`, `public_key`,
/// `bypass`, `keystore` and `is_auth_enabled` do not.
enum KeywordName {
    /// What kind of secret a name holds, which decides how its value is judged (``KeywordValue``).
    enum Kind: Sendable, Equatable {
        /// Something a person chose and may type: short, any alphabet.
        case password
        /// A generated key or token: long and random.
        case credential
    }

    /// The kind of secret `name` holds, or `nil` when its words do not say it holds one. An empty name
    /// is a password: the rules leave it empty where the position says so (`new PDO(dsn, user, password)`).
    static func kind(of name: String) -> Kind? {
        if name.isEmpty { return .password }
        // `AWS::SecretsManager::Secret`: a type name, not a variable.
        if name.contains("::") { return nil }
        var words = self.words(of: String(subscriptKey(of: name)))
        while let last = words.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { words.removeLast() }
        guard let first = words.first, !flagWords.contains(first) else { return nil }
        // `public_key`, `publicKeyToken`, `publishable_key`: meant to be seen.
        if words.contains(where: { $0 == "public" || $0 == "publishable" }) { return nil }
        // The last word that says "secret" decides; no word after it may name something about it.
        var decided: (index: Int, kind: Kind)?
        for (index, word) in words.enumerated() {
            if let kind = kind(ofWord: word, previous: index > 0 ? words[index - 1] : nil) { decided = (index, kind) }
        }
        guard let (index, kind) = decided else { return nil }
        if words[(index + 1)...].contains(where: aboutWords.contains) { return nil }
        return kind
    }

    /// Whether any word of `name` says "secret", whatever the others say: the detector's cheap first look
    /// at the identifier a keyword was found in, before any pattern runs.
    static func mentionsSecret(_ name: String) -> Bool {
        let words = self.words(of: name)
        return words.indices.contains { kind(ofWord: words[$0], previous: $0 > 0 ? words[$0 - 1] : nil) != nil }
    }

    private static func kind(ofWord word: String, previous: String?) -> Kind? {
        // Byte searches: `String.contains` and `hasSuffix` went through the generic string algorithms and
        // were a quarter of a scan.
        if passwordWords.contains(word) || ByteSearch.contains(word, "password") || ByteSearch.contains(word, "passwd") {
            return .password
        }
        switch word {
        case "key", "keys":
            return previous.map(keyQualifiers.contains) == true ? .credential : nil
        case "token", "tokens":
            return previous.map(cursorWords.contains) == true ? nil : .credential
        default:
            if credentialWords.contains(word) { return .credential }
            // One-word compounds: `clientsecret`, `githubtoken`, `xapikey`; not `secretary` or `tokenizer`.
            return credentialSuffixes.contains(where: { word.utf8.count > $0.utf8.count && word.utf8.reversed().starts(with: $0.utf8.reversed()) })
                ? .credential : nil
        }
    }

    /// The words of an identifier, lowercased: split at anything but ASCII letters and digits, at a
    /// lower-to-upper change (`smtpPassword`) and before the last capital of a capital run (`APIKey`).
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(name.utf8)
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for (index, byte) in bytes.enumerated() {
            let upper = isUpper(byte), lower = isLower(byte), digit = byte >= 0x30 && byte <= 0x39
            guard upper || lower || digit else { flush(); continue }
            if upper, !current.isEmpty {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                if isLower(previous) || (isUpper(previous) && nextIsLower) { flush() }
            }
            current.append(upper ? byte | 0x20 : byte)
        }
        flush()
        return words
    }

    /// `ENV['API_TOKEN']` → `API_TOKEN`; `$config["db"]["password"]` → `password`; other names unchanged.
    static func subscriptKey(of name: String) -> Substring {
        guard let close = name.lastIndex(of: "]"), let open = name[..<close].lastIndex(of: "[") else { return name[...] }
        let key = name[name.index(after: open)..<close].trimmingQuotesAndSpaces()
        return key.isEmpty ? name[...] : key
    }

    // MARK: - Vocabulary

    /// Words that are a password whole (`bind_pw`, `redis_pass`, `PGPASSWORD` contains one).
    static let passwordWords: Set<String> = ["password", "passwd", "pwd", "pw", "pass", "passphrase", "passcode", "pswd"]
    /// Words that are a credential whole.
    static let credentialWords: Set<String> = [
        "secret", "secrets", "token", "tokens", "apikey", "credential", "credentials", "creds", "auth", "authorization",
        "privatekey", "accesskey", "secretkey", "authkey", "clientsecret", "accesstoken", "authtoken", "bearer",
    ]
    /// Endings of one-word names that are credentials.
    static let credentialSuffixes = ["secret", "secrets", "token", "apikey", "credentials", "privatekey", "accesskey", "secretkey"]
    /// What `key` must follow to be a credential (`api_key`, `private_key`, `encryption_key`, not `sort_key`).
    static let keyQualifiers: Set<String> = [
        "api", "access", "secret", "private", "client", "app", "master", "auth", "encryption", "signing", "sign",
        "hmac", "session", "shared", "service", "account", "consumer", "admin", "webhook", "storage", "subscription",
        "sas", "root", "crypt", "cipher", "jwt", "aes", "des", "mac", "x",
    ]
    /// Words before `token` that make it a cursor or a form token, not a credential.
    static let cursorWords: Set<String> = [
        "csrf", "xsrf", "next", "page", "continuation", "pagination", "sync", "cursor", "idempotency", "request",
        "nonce", "resume", "lock", "change", "marker", "input", "output", "copy", "update", "public", "device",
        // AWS's `ClientToken` is an idempotency token; Rails' `authenticity_token` a form's CSRF token.
        "client", "authenticity",
    ]
    /// First words of flags and limits: `is_auth_enabled`, `use_token`, `min_password_length`.
    static let flagWords: Set<String> = [
        "is", "has", "use", "enable", "enabled", "show", "hide", "allow", "require", "requires", "needs", "need",
        "should", "can", "with", "no", "skip", "min", "max", "num", "validate", "verify", "check", "get", "set", "on",
    ]
    /// Words after the secret word that make the name about a secret rather than the secret itself.
    static let aboutWords: Set<String> = IdentifierWords.benignLastWords.union([
        "len", "min", "max", "minimum", "maximum", "expiry", "expires", "expiration", "ttl", "lifetime", "timeout",
        "hint", "prompt", "input", "placeholder", "reset", "confirm", "confirmation", "salt", "hashed", "encoder",
        "hasher", "validator", "validation", "rules", "rule", "strength", "complexity", "history", "age", "days",
        "method", "methods", "header", "headers", "param", "params", "parameter", "property", "prop", "attribute", "attr",
        "key", "column", "env", "var", "variable", "store", "storage", "manager", "service", "handler", "helper",
        "callback", "request", "response", "error", "errors", "message", "msg", "label", "required", "changed",
        "created", "updated", "expired", "valid", "invalid", "ok", "set", "used", "count", "limit", "usage", "stats",
        "mode", "flow", "grant", "server", "client", "user", "username", "login", "account", "email", "dialog",
        "form", "page", "view", "screen", "button", "link", "text", "icon", "visible", "visibility", "toggle",
        "mask", "masked", "generator", "chars", "characters", "bits", "bytes", "algorithm", "algo", "cipher", "kdf",
        "iterations", "rounds", "cost", "verifier", "arg", "args", "argument", "arguments", "response", "context",
    ])

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
}

extension Substring {
    fileprivate func trimmingQuotesAndSpaces() -> Substring {
        var value = self
        while let first = value.first, "\"' \t:".contains(first) { value = value.dropFirst() }
        while let last = value.last, "\"' \t".contains(last) { value = value.dropLast() }
        return value
    }
}
