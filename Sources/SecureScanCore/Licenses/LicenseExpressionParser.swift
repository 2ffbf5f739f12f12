/// Recursive-descent reader for ``LicenseExpression``: `or := and (OR and)*`, `and := with (AND with)*`,
/// `with := simple (WITH exception)?`, `simple := id[+] | LicenseRef-… | ( or )`.
struct LicenseExpressionParser {
    private var tokens: [String]
    private var position = 0
    /// Parentheses open at this point; past ``maximumDepth`` the text is not read (a recursive descent into
    /// thousands of them overflowed the stack; found by fuzzing).
    private var depth = 0
    static let maximumDepth = 64

    init(_ text: String) {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" || character.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if !character.isWhitespace { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        self.tokens = tokens
    }

    mutating func parse() -> LicenseExpression? {
        guard !tokens.isEmpty, let expression = parseOr(), position == tokens.count else { return nil }
        return expression
    }

    private var next: String? { position < tokens.count ? tokens[position] : nil }

    private mutating func accept(_ keyword: String) -> Bool {
        guard let next, next.uppercased() == keyword else { return false }
        position += 1
        return true
    }

    private mutating func parseOr() -> LicenseExpression? {
        guard let first = parseAnd() else { return nil }
        var parts = [first]
        while accept("OR") {
            guard let part = parseAnd() else { return nil }
            parts.append(part)
        }
        return parts.count == 1 ? first : .or(parts)
    }

    private mutating func parseAnd() -> LicenseExpression? {
        guard let first = parseWith() else { return nil }
        var parts = [first]
        while accept("AND") {
            guard let part = parseWith() else { return nil }
            parts.append(part)
        }
        return parts.count == 1 ? first : .and(parts)
    }

    private mutating func parseWith() -> LicenseExpression? {
        guard let license = parseSimple() else { return nil }
        guard accept("WITH") else { return license }
        guard let token = next, let exception = SPDXLicenses.canonicalException(token) else { return nil }
        position += 1
        return .with(license, exception: exception)
    }

    private mutating func parseSimple() -> LicenseExpression? {
        guard let token = next else { return nil }
        if token == "(" {
            guard depth < Self.maximumDepth else { return nil }
            position += 1
            depth += 1
            defer { depth -= 1 }
            guard let inner = parseOr(), next == ")" else { return nil }
            position += 1
            return inner
        }
        guard !["AND", "OR", "WITH", ")"].contains(token.uppercased()) else { return nil }
        position += 1
        if SPDXLicenses.isReference(token) { return .license(token, orLater: false) }
        if let id = SPDXLicenses.canonicalLicense(token) { return .license(id, orLater: false) }
        if token.hasSuffix("+"), let id = SPDXLicenses.canonicalLicense(String(token.dropLast())) { return .license(id, orLater: true) }
        return nil
    }
}
