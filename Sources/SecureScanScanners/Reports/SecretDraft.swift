import SecureScanCore

/// A secret some tool found, in the one shape every secret finding has: the value only as a digest and
/// a redacted form, the line it sits on with the value redacted, the raw value kept for scrubbing only.
struct SecretDraft {
    var rule: String
    var title: String
    var path: String
    var line: Int?
    var endLine: Int?
    var column: Int?
    /// The raw secret, when the tool reports it; nil when the tool already masked it.
    var value: String?
    /// Stands in for the value when the tool masked it (the masked match or line): identity falls back to it.
    var maskedText: String?
    /// The line the secret is on, raw: redacted before it is kept.
    var context: String?
    var severity: Severity = .high
    var properties: [String: String] = [:]
    var references: [String] = []

    /// Values a tool writes instead of the secret when asked to redact.
    static func isMasked(_ value: String) -> Bool {
        let trimmed = value.trimmingWhitespace()
        return trimmed.isEmpty || trimmed == "REDACTED" || trimmed.allSatisfy { $0 == "*" }
    }

    var draft: Finding.Draft {
        let raw = value.flatMap { SecretDraft.isMasked($0) ? nil : $0 }
        let redacted = raw.map(Redaction.redact)
        let digest = raw.map { SecretDigest.of(Array($0.utf8)) }
            ?? SecretDigest.of(Array(("masked:" + (maskedText ?? context ?? "")).utf8))
        var evidence = context.map { text in raw.map { Redaction.scrub(text, values: [$0]) } ?? text }
        if let current = evidence { evidence = String(current.trimmingWhitespace().prefix(200)) }
        var properties = self.properties
        if let redacted { properties["redacted"] = redacted }
        let place = line.map { " at line \($0)" } ?? ""
        return Finding.Draft(
            ruleID: rule, severity: severity, title: title,
            description: "\(title) in \(path.isEmpty ? "the target" : path)\(place)." + (redacted.map { " The value is shown redacted as \($0)." } ?? ""),
            location: path.isEmpty ? nil : Location(path: path, startLine: line, endLine: endLine, startColumn: column),
            identity: .secret(valueDigest: digest),
            scanType: .code,
            cwes: ["CWE-798"],
            remediation: "Remove the value from the source and its history, rotate it, and load it from a secret store at run time.",
            references: references,
            evidence: evidence,
            properties: properties)
    }
}
