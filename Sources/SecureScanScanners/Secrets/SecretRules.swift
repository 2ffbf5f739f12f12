import SecureScanCore

/// The built-in secret rule catalog.
///
/// Token formats (prefixes, lengths, alphabets) are facts about each provider; where they were checked
/// against public references, SOURCES.md says which. The catalog is versioned: bump ``version`` when a
/// rule changes, so a change in findings can be told apart from a change in the code scanned.
enum SecretRules {
    static let version = 4

    static let all: [SecretRule] =
        cloud + sourceControl + messaging + payments + aiServices + services + keys + enterprise + generic + keywords + providerFormats

    // MARK: - Pattern building blocks

    /// Where a token may end: a quote, whitespace, punctuation that closes an expression, an escaped
    /// newline, or the end of the line. A lookahead, so neighbouring matches are not consumed.
    static let end = #"(?=[\x60'"\s;,)<>\]}|]|\\[nrt]|$)"#

    /// Where a token may start: not in the middle of a word.
    static let start = #"(?<![A-Za-z0-9_])"#

    /// `NAME … = VALUE` in the forms configuration and code use (`=`, `:`, `:=`, `=>`, `?=`, `||`,
    /// XML `>`, and a quoted name followed by a comma as in `("api_token", "…")`), with the value in
    /// group 1. `names` is a regex alternation matched case-insensitively unless it says otherwise.
    static func assignment(_ names: String, _ value: String) -> String {
        #"(?i)(?:"# + names + #")[\w.-]{0,25}?[ \t'"]{0,12}(?:={1,2}|:{1,3}=|\?=|=>|:|\|\||>|(?<=['"])[ \t]{0,3},)[ \t\x60'"=]{0,5}("#
            + value + ")" + end
    }

    /// A UUID value, either case.
    static let uuid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

    /// Values that are all one masking character: `xxxx…`, `XXXX…`, `****…`.
    static let maskedValue = #"^[^xX*]{0,12}[xX*]{10,}"#
}
