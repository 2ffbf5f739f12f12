/// Replaces known secret values wherever they appear in text, in time linear in the text's length.
///
/// The pipeline builds one from the values the secrets scanner saw and runs every other finding's text
/// through it, so a secret that another scanner quotes (a Dockerfile `RUN` line, say) is never shown.
public struct Redactor: Sendable {
    /// Values shorter than this are not scrubbed: too likely to be ordinary words.
    public static let minimumLength = 8
    private let byPrefix: [[UInt8]: [String]]

    public init(values: [String]) {
        var byPrefix: [[UInt8]: [String]] = [:]
        for value in Set(values) where value.utf8.count >= Redactor.minimumLength {
            byPrefix[Array(value.utf8.prefix(Redactor.minimumLength)), default: []].append(value)
        }
        for key in byPrefix.keys { byPrefix[key]?.sort { $0.utf8.count > $1.utf8.count } }
        self.byPrefix = byPrefix
    }

    public var isEmpty: Bool { byPrefix.isEmpty }

    public func scrub(_ text: String) -> String {
        guard !byPrefix.isEmpty, text.utf8.count >= Redactor.minimumLength else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            if index + Redactor.minimumLength <= bytes.count,
               let candidates = byPrefix[Array(bytes[index..<(index + Redactor.minimumLength)])],
               let value = candidates.first(where: { bytes[index...].starts(with: $0.utf8) }) {
                out += Array(Redaction.redact(value).utf8)
                index += value.utf8.count
                changed = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// The finding with every text field scrubbed.
    public func scrub(_ finding: Finding) -> Finding {
        guard !isEmpty else { return finding }
        var finding = finding
        finding.title = scrub(finding.title)
        finding.description = scrub(finding.description)
        finding.evidence = finding.evidence.map(scrub)
        finding.remediation = finding.remediation.map(scrub)
        finding.properties = finding.properties.mapValues(scrub)
        return finding
    }
}
