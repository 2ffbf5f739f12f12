/// Whether a value given to a secret-sounding name looks like a real secret of that kind.
///
/// Dismissed: stand-ins and placeholders (`changeme`, `<your key>`, `${VAR}`, `%(pw)s`, `{{ pw }}`, `xxxx`),
/// references and calls written without quotes in program source, URLs without credentials, file paths,
/// numbers, versions, identifiers and words. Passwords are judged as people choose them (eight characters,
/// a letter and a digit or symbol); credentials as machines make them (long and random).
enum KeywordValue {
    static func looksReal(
        _ value: String, kind: KeywordName.Kind, literal: Bool, inSourceCode: Bool,
        patterns: ValidatorPatterns, scratch: PCREScratch
    ) -> Bool {
        // In program source an unquoted value is an expression: a variable, a call, a constant.
        if inSourceCode && !literal { return false }
        let bytes = Array(value.utf8)
        guard let first = bytes.first else { return false }
        if Placeholder.matches(value) || CredentialPair.standInPasswords.contains(value.lowercased()) { return false }
        // References and templates anywhere in the value: `${…}`, `$(…)`, `{{…}}`, `%(…)s`, `#{…}`, `<%…%>`.
        for marker in referenceMarkers where ByteSearch.contains(bytes, marker) { return false }
        if !literal, unquotedLeaders.contains(first) { return false }
        if ByteSearch.contains(bytes, "://") || ByteSearch.contains(bytes, "...") { return false }
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if stopwords.contains(where: { ByteSearch.contains(lowered, $0) }) { return false }
        if isPath(bytes) { return false }
        let classes = CharacterClasses(bytes)
        if !classes.letter { return false }  // numbers, dates, versions, masks
        // `abcdef`, `123456`, and `QRstUvwxyz` in documentation values.
        if GenericValue.hasCountingRun(String(decoding: lowered, as: UTF8.self), length: 6) { return false }
        // Identifiers, constants and dotted names: `FORCE_CHANGE_PASSWORD`, `context.eval_ctx`.
        if patterns.constantName.matches(value, scratch: scratch) || patterns.lowercaseDotted.matches(value, scratch: scratch)
            || patterns.wordsJoined.matches(value, scratch: scratch) || patterns.propertyName.matches(value, scratch: scratch) {
            return false
        }
        // Amazon resource names and other URNs.
        if lowered.starts(with: Array("arn:".utf8)) || lowered.starts(with: Array("urn:".utf8)) { return false }
        let entropy = Entropy.shannon(bytes)
        switch kind {
        case .password:
            guard bytes.count >= 8, classes.digit || classes.symbol else { return false }
            if patterns.version.matches(value, scratch: scratch) { return false }
            return entropy >= (classes.count >= 3 ? 2.5 : 3.0)
        case .credential:
            if !literal && patterns.dottedExpression.matches(value, scratch: scratch) { return false }
            if classes.isHex {
                // Hex digests and keys: at least 16 digits of both kinds.
                return classes.hexDigits >= 16 && classes.digit && entropy >= 3.0
            }
            guard bytes.count >= 12 else { return false }
            // `cmp2-qat-1208358310`, `prod-db-01`: resource names in lowercase words joined by dashes.
            if !classes.upper && !classes.symbol && ByteSearch.contains(bytes, "-") { return false }
            if GenericValue.looksBenign(value, quoted: literal, patterns: patterns, scratch: scratch) { return false }
            // Generated keys mix digits in: 32 random letters and digits have none 0.4% of the time.
            return entropy >= (bytes.count >= 20 ? 3.5 : 3.2) && classes.digit
        }
    }

    private static let referenceMarkers = ["${", "$(", "{{", "%(", "#{", "<%", "%{"]
    /// First characters of unquoted values that are not values: references (`$`, `%`, `@`), YAML tags,
    /// anchors and aliases (`!`, `&`, `*`), and markup (`<`, `{`).
    private static let unquotedLeaders: Set<UInt8> = Set("$%@!&*<{[".utf8)
    private static let stopwords = ["example", "sample"]

    /// `/run/secrets/db`, `./token.txt`, `~/.pgpass`, `C:\keys\app.pfx`: made of path characters only (a
    /// base64 key that starts with `/` has `+` or `=` or no second separator).
    static func isPath(_ bytes: [UInt8]) -> Bool {
        let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
        let leading: Bool
        if bytes.first == slash || bytes.starts(with: Array("./".utf8)) || bytes.starts(with: Array("../".utf8))
            || bytes.starts(with: Array("~/".utf8)) {
            leading = true
        } else if bytes.count > 2, bytes[1] == UInt8(ascii: ":"), bytes[2] == backslash || bytes[2] == slash {
            leading = true
        } else {
            leading = false
        }
        guard leading else { return false }
        let separators = bytes.filter { $0 == slash || $0 == backslash }.count
        let pathCharacters = bytes.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                || "_-./\\~:".utf8.contains($0)
        }
        return pathCharacters && (separators >= 2 || bytes.contains(UInt8(ascii: ".")))
    }
}

/// Which kinds of character a value mixes.
struct CharacterClasses {
    var lower = false, upper = false, digit = false, symbol = false
    var isHex = true
    var hexDigits = 0

    init(_ bytes: [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x30...0x39: digit = true; hexDigits += 1
            case 0x61...0x66: lower = true; hexDigits += 1
            case 0x41...0x46: upper = true; hexDigits += 1
            case 0x67...0x7A: lower = true; isHex = false
            case 0x47...0x5A: upper = true; isHex = false
            case UInt8(ascii: "-"): break  // UUIDs and grouped keys stay hexadecimal
            case UInt8(ascii: "_"), UInt8(ascii: "."): isHex = false  // separators of words, not symbols
            default: symbol = true; isHex = false
            }
        }
        if !digit { isHex = false }
    }

    var letter: Bool { lower || upper }
    var count: Int { [lower, upper, digit, symbol].filter { $0 }.count }
}
