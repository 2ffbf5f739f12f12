import SecureScanCore

/// One kind of secret: the keywords that must appear near it, the pattern that extracts it, and
/// the checks that tell a real value from a placeholder.
///
/// Patterns are PCRE2 and run on one line at a time (``window`` lines for multi-line secrets such as
/// PEM blocks). ``secretGroup`` says which part of the match is the secret.
struct SecretRule: Sendable {
    /// Kebab-case, unique; findings carry `secrets/<id>`.
    let id: String
    let title: String
    let severity: Severity
    /// Lowercase literals; a line must contain one for the pattern to run on it.
    let keywords: [String]
    let pattern: String
    var secretGroup = SecretGroup.firstFrom(1)
    /// Minimum Shannon entropy (bits per character) of the secret.
    var minEntropy: Double? = nil
    /// How many lines from the keyword's line the pattern may span (1 = that line only).
    var window = 1
    var allow = SecretAllowlist()
    var remediation: String? = nil
    /// Extra checks in code, for rules whose false positives a pattern cannot describe.
    var validator: SecretValidator? = nil
    /// The capture group holding the name the value is assigned to or compared with; `nil` takes the
    /// identifier around the start of the match (see ``SecretDetector``).
    var nameGroup: Int? = nil
    /// The value groups that hold a literal (a quoted string, an XML element's text), as opposed to a bare
    /// word that in program source would be an expression. Group 0 is the whole match.
    var literalGroups: ClosedRange<Int> = 0...3
    /// Characters per line examined around a keyword for single-line rules; longer lines are cut, not skipped.
    static let maxLineWindow = 4096

    var findingRuleID: String { "secrets/" + id }
}

/// Which part of a match is the secret.
enum SecretGroup: Sendable {
    case whole
    case group(Int)
    /// The first capture group at or after this index that took part in the match.
    case firstFrom(Int)
}

/// Values that look like secrets but are not: per rule, applied after the pattern matched.
struct SecretAllowlist: Sendable {
    /// Patterns the secret itself may match to be dismissed.
    var secrets: [String] = []
    /// Patterns the whole match may match to be dismissed.
    var matches: [String] = []
    /// Patterns the line may match to be dismissed.
    var lines: [String] = []
    /// Lowercase words: a secret containing one is dismissed.
    var stopwords: [String] = []
    /// Whether the shared placeholder checks (``Placeholder``) apply.
    var placeholders = true
}
