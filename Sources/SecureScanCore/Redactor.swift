/// Replaces known secret values wherever they appear in text, in time linear in the text's length.
///
/// The pipeline builds one from the values the secrets scanner saw and runs every other finding's text
/// through it, so a secret that another scanner quotes (a Dockerfile `RUN` line, say) is never shown.
public struct Redactor: Sendable {
    /// Values shorter than this are not scrubbed: too likely to be ordinary words.
    public static let minimumLength = 8
    /// Values by their first eight bytes packed into an integer, longest first.
    private let byPrefix: [UInt64: [[UInt8]]]

    public init(values: [String]) {
        var byPrefix: [UInt64: [[UInt8]]] = [:]
        for value in Set(values) where value.utf8.count >= Redactor.minimumLength {
            let bytes = Array(value.utf8)
            byPrefix[Redactor.key(bytes[...]), default: []].append(bytes)
        }
        for key in byPrefix.keys { byPrefix[key]?.sort { $0.count > $1.count } }
        self.byPrefix = byPrefix
    }

    private static func key(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for byte in bytes.prefix(minimumLength) { key = key << 8 | UInt64(byte) }
        return key
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
               let candidates = byPrefix[Redactor.key(bytes[index..<(index + Redactor.minimumLength)])],
               let value = candidates.first(where: { bytes[index...].starts(with: $0) }) {
                out += Array(Redaction.redact(String(decoding: value, as: UTF8.self)).utf8)
                index += value.count
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
