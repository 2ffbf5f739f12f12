import SecureScanCore

extension SecretRules {
    /// Values given to a name that says it is secret, in the syntax of each language and format: assigned,
    /// compared, passed to a setter or a call, or written as configuration markup. The patterns find the
    /// name and the value; ``KeywordName`` decides from the name's words whether it holds a secret and of
    /// what kind, and ``KeywordValue`` whether the value looks like one.
    ///
    /// They come after ``generic``, so a value that rule already reports keeps its rule (and fingerprint).
    static let keywords: [SecretRule] = [
        SecretRule(
            id: "keyword-assignment", title: "Hard-coded secret assigned to a variable", severity: .medium,
            keywords: keywordLiterals, pattern: assignmentPattern, secretGroup: .firstFrom(2), validator: .keyword,
            nameGroup: 1, literalGroups: 2...2),
        SecretRule(
            id: "keyword-comparison", title: "Secret compared with a literal", severity: .high,
            keywords: keywordLiterals, pattern: comparisonPattern, secretGroup: .firstFrom(2),
            remediation: "Compare against a value loaded from a secret store, with a constant-time comparison, and rotate the exposed value.",
            validator: .keyword, nameGroup: 1, literalGroups: 2...2),
        SecretRule(
            id: "keyword-call", title: "Hard-coded secret passed to a call", severity: .medium,
            keywords: keywordLiterals + ["new pdo", "mysqli"], pattern: callPattern, secretGroup: .firstFrom(2), validator: .keyword,
            nameGroup: 1, literalGroups: 2...2),
        SecretRule(
            id: "keyword-markup", title: "Hard-coded secret in a configuration element", severity: .medium,
            keywords: keywordLiterals, pattern: markupPattern, secretGroup: .firstFrom(2), window: 3, validator: .keyword,
            nameGroup: 1, literalGroups: 2...2),
    ].map { rule in
        var rule = rule
        rule.allow.secrets = publicDemoKeys
        if rule.remediation == nil {
            rule.remediation = "Move the value to a secret manager or the environment, load it at run time, and rotate it."
        }
        return rule
    }

    /// Literals a line must contain for the keyword rules to run on it (matched without regard to case).
    /// Short and common words are listed only in the forms a name takes: `pass` as `db_pass`, `PASS=` or
    /// `"pass":` (not Python's `pass` statement), `key` after a word that makes it a credential
    /// (`encryption_key`, `signingKey`; not `sort_key` or `key=lambda`). A site-packages tree has 128,000
    /// `key`s and 32,000 `pass`es; these forms cut the lines the rules run on by four fifths.
    static let keywordLiterals: [String] = {
        var literals = ["password", "passwd", "pwd", "secret", "token", "credential", "creds", "authorization", "apikey"]
        let endings = ["=", " =", ":", " :", "\"", "'", "\t"]
        let joins = ["_", "-", "."]
        for word in ["pass", "pw", "auth"] {
            literals += endings.map { word + $0 } + joins.map { $0 + word }
        }
        literals += ["pw_", "pass_"]  // `PW_FILE`: names where the word comes first
        for qualifier in KeywordName.keyQualifiers.sorted() where !["secret", "auth", "api"].contains(qualifier) {
            literals += ["", "_", "-", "."].map { qualifier + $0 + "key" }
        }
        literals += ["api_key", "api-key", "api.key"]
        return literals
    }()

    // MARK: - Pattern pieces (each captures at most one group)

    /// A quoted literal, with the string prefixes of Python (`r`, `b`, `u`) and C# (`@`); an
    /// `Authorization` scheme (`Bearer …`) is left out of the value. One group: the value.
    static let quotedValue =
        #"(?:[rRbBuU@]{1,2})?(?|"(?:(?i:bearer|basic|token|bot)[ \t]+)?([^"\s\\]{6,200})"|'(?:(?i:bearer|basic|token|bot)[ \t]+)?([^'\s\\]{6,200})'|\x60([^\x60\s\\]{6,200})\x60)"#
    /// The same literal without a group, for lookaheads.
    static let quotedLiteral = #"(?:[rRbBuU@]{1,2})?(?:"[^"\s\\]{6,200}"|'[^'\s\\]{6,200}'|\x60[^\x60\s\\]{6,200}\x60)"#
    /// A bare value as configuration files write it (`KEY=value`, `key: value`), ending at whitespace or
    /// punctuation that closes an expression. One group.
    static let bareValue = #"([^\s'"\x60;,(){}\[\]<>]{6,200}+)(?![^\s;,)}\]<>])"#
    /// A name: quoted (`"password":`, `'api_key' =>`) or an identifier with an optional subscript
    /// (`$config['secret']`, `ENV["API_TOKEN"]`). One group.
    static let assignedName =
        #"(?|["']([\w.$@/:-]{1,80}+)["']|([A-Za-z_$@][\w$@.-]{0,80}+(?:\[[ \t]*["']?[\w.$:-]{1,60}["']?[ \t]*\])?))"#
    /// A type annotation between name and `=`: `: str`, `: string | undefined`, `As String`, `[]`.
    static let typeAnnotation =
        #"(?:[ \t]*:[ \t]*[A-Za-z_][\w.<>?]*+(?:\[\])?(?:[ \t]*\|[ \t]*[A-Za-z_][\w.<>?]*+)*|[ \t]+(?i:as)[ \t]+[A-Za-z_][\w.]*+|[ \t]*\[[ \t]*\w*[ \t]*\])"#
    /// A name in a comparison or call: `password`, `$token`, `user.password`, `params[:token]`. One group.
    static let comparedName = #"([$@]?[A-Za-z_]\w*+(?:\.[A-Za-z_]\w*+)*?(?:\[[^\]\n]{1,60}\])?)"#

    /// `name = "value"` and its kin in every language: `=`, `:`, `:=`, `=>`, type annotations, C's
    /// `#define`, C++ brace initialization, `.properties` whitespace. Group 1 the name, 2 a quoted value, 3 a
    /// bare value.
    static let assignmentPattern =
        #"(?|#[ \t]*define[ \t]+([A-Za-z_]\w*+)[ \t]+(?:"# + quotedValue + "|" + bareValue + ")"
        + #"|(?<![\w$@.-])"# + assignedName
        + #"(?:"# + typeAnnotation + #"[ \t]*=(?![=>~])|[ \t]*(?:=(?![=>~])|:=|=>|:(?![:=])|\{(?=[ \t]*["'])))[ \t]*(?:"#
        + quotedValue + "|" + bareValue + ")"
        // Java `.properties` also separate with whitespace: `mail.smtp.password s3cr3t`, a dotted key alone on its line.
        + #"|^[ \t]*([A-Za-z][\w-]*+(?:\.[\w-]++)+)[ \t]+()"# + bareValue + #"[ \t]*$)"#

    /// `name == "value"` both ways round, `name.equals("value")` both ways round, and comparison functions
    /// (`strcmp`, `Equals`, `compare_digest`, `ConstantTimeCompare`, …) either argument first.
    /// Group 1 the name, 2 the value.
    static let comparisonPattern: String = {
        let operators = #"[ \t]*(?:===?|!==?)[ \t]*"#
        let equals = #"\.(?:equals(?:IgnoreCase)?|Equals|eql\?)\([ \t]*"#
        let functions =
            #"\b(?:strn?cmp|strcasecmp|Equals|compare_digest|secure_compare|timingSafeEqual|ConstantTimeCompare|safe_str_cmp|hash_equals)\([ \t]*(?:\[\]byte\()?"#
        let comma = #"\)?[ \t]*,[ \t]*(?:\[\]byte\()?"#
        return "(?|"
            + #"(?<![\w$@.])"# + comparedName + operators + quotedValue
            + "|(?=" + quotedLiteral + operators + comparedName + #"(?![\w$@.(\[]))"# + quotedValue
            + #"|(?<![\w$@.])"# + comparedName + equals + quotedValue + #"[ \t]*\)"#
            + "|(?=" + quotedLiteral + equals + comparedName + #"[ \t]*\))"# + quotedValue
            + "|" + functions + comparedName + comma + quotedValue
            + "|" + functions + "(?=" + quotedLiteral + comma + comparedName + #"\b)"# + quotedValue
            + ")"
    }()

    /// A setter or option named after the secret (`setPassword("…")`, `WithToken("…")`), a name and a value
    /// passed together (`os.Setenv("DB_PASSWORD", "…")`, `define('AUTH_KEY', '…')`,
    /// `setProperty("password", "…")`), and the password argument of PHP's database constructors.
    /// Group 1 the name (empty for the positional password), 2 the value.
    static let callPattern =
        #"(?|\b(?:[Ss]et|[Ww]ith|[Pp]ut)_?([A-Za-z]\w{1,60}+)\([ \t]*"# + quotedValue + #"[ \t]*\)"#
        + #"|\([ \t]*(?|"([\w.:-]{2,80}+)"|'([\w.:-]{2,80}+)')[ \t]*,[ \t]*"# + quotedValue + #"[ \t]*[,)]"#
        + #"|\b(?:new[ \t]+(?:PDO|mysqli)|mysqli_connect|mysqli_real_connect|mysql_connect)[ \t]*\(()[^,()\n]*(?:\([^()\n]*\))?[^,()\n]*,[ \t]*[^,()\n]*,[ \t]*"#
        + quotedValue + ")"

    /// Configuration markup: `<add key="ApiKey" value="…"/>`, `<entry key="auth.token">…</entry>`,
    /// `<setting name="Token"><value>…</value>`, `<password>…</password>`, and Kubernetes-style
    /// `- name: DB_PASSWORD` / `value: …` pairs. Group 1 the name, 2 the value.
    static let markupPattern =
        #"(?|<[\w:.-]+\b[^>\n]*?\b(?:key|name)[ \t]*=[ \t]*"([^"\n]{1,80})"[^>\n]*?\bvalue[ \t]*=[ \t]*"([^"\s]{6,200})""#
        + #"|<[\w:.-]+\b[^>\n]*?\b(?:key|name)[ \t]*=[ \t]*"([^"\n]{1,80})"[^>\n]*>[ \t]*\r?\n?[ \t]*(?:<value>)?([^<\s]{6,200}+)[ \t]*</"#
        + #"|<([A-Za-z_][\w.:-]{0,60}+)(?:[ \t][^>\n]*)?>[ \t]*([^<\s]{6,200}+)[ \t]*</\1[ \t]*>"#
        + ##"|^[ \t]*-?[ \t]*name:[ \t]*["']?([\w.-]{1,80}+)["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?|"([^"\s]{6,200})"|'([^'\s]{6,200})'|([^\s'"#]{6,200}+)(?=\s|$)))"##
}
